using OpenStackImageManager.Engine.Tables;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Tables;

public class ImageTableWriterTests
{
    private static ImageDefinition Definition(string name, string login, string? password) => new()
    {
        Name = name, Format = "qcow2", Login = login, Password = password, Status = "active", Visibility = "public", SourceFile = "x.yml",
    };

    private static readonly ImageDefinition[] Definitions =
    [
        Definition("Ubuntu 24.04", "ubuntu", null),
        Definition("Cirros", "cirros", "gocubsgo"),
        Definition("OPNsense", "root", "opn|sense"),
    ];

    [Fact]
    public void Rst_is_a_simple_table_sorted_ordinally_like_python_sorted()
    {
        Assert.Equal(
            "============  ==========  =========\n" +
            "Name          Login user  Password\n" +
            "============  ==========  =========\n" +
            "Cirros        cirros      gocubsgo\n" +
            "OPNsense      root        opn|sense\n" +
            "Ubuntu 24.04  ubuntu\n" +
            "============  ==========  =========\n",
            ImageTableWriter.Write(Definitions, ImageTableFormat.Rst));
    }

    [Fact]
    public void Markdown_escapes_pipes_and_leaves_a_missing_password_empty()
    {
        Assert.Equal(
            "| Name         | Login user | Password   |\n" +
            "| ------------ | ---------- | ---------- |\n" +
            "| Cirros       | cirros     | gocubsgo   |\n" +
            "| OPNsense     | root       | opn\\|sense |\n" +
            "| Ubuntu 24.04 | ubuntu     |            |\n",
            ImageTableWriter.Write(Definitions, ImageTableFormat.Markdown));
    }
}
