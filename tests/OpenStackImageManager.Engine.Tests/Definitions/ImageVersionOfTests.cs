using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Definitions;

/// <summary>The one fallback for the version of an image no listed version names, and the dated name built from it.</summary>
public class ImageVersionOfTests
{
    private static readonly DateTimeOffset s_created = new(2024, 6, 3, 10, 0, 0, TimeSpan.Zero);

    private static ImageDefinition Definition(bool multi, string separator = " ") => new()
    {
        Name = "Ubuntu 24.04",
        Multi = multi,
        Separator = separator,
        Format = "qcow2",
        Login = "ubuntu",
        Status = "active",
        Visibility = "public",
        SourceFile = "images.yml",
    };

    private static GlanceImage Image(string name, string? internalVersion = null, DateTimeOffset? created = null) => new()
    {
        Id = "0b5e0e1c-0000-4000-8000-000000000001",
        Name = name,
        CreatedAt = created,
        Properties = internalVersion is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["internal_version"] = internalVersion },
    };

    [Theory]
    [InlineData("Ubuntu 24.04", "20240501", "20240501")]   // internal_version first
    [InlineData("Ubuntu 24.04", "latest", "20240603")]     // never "latest": the creation date
    [InlineData("Ubuntu 24.04", "", "20240603")]
    [InlineData("Ubuntu 24.04 (20240417)", null, "20240417")] // the version in the name
    [InlineData("Ubuntu 24.04 20240417", null, "20240417")]
    [InlineData("Ubuntu 24.04 latest", null, "20240603")]
    [InlineData("Something else", null, "20240603")]
    public void The_version_of_an_image_falls_back_in_one_order(string name, string? internalVersion, string expected) =>
        Assert.Equal(expected, ImageNaming.VersionOf(Definition(multi: true), Image(name, internalVersion, s_created)));

    [Fact]
    public void Without_anything_else_the_id_is_the_version() =>
        Assert.Equal("0b5e0e1c-0000-4000-8000-000000000001", ImageNaming.VersionOf(Definition(multi: true), Image("Ubuntu 24.04")));

    [Theory]
    [InlineData(true, " ", "Ubuntu 24.04 (20240417)")]
    [InlineData(false, " ", "Ubuntu 24.04 20240417")]
    [InlineData(true, "-", "Ubuntu 24.04-(20240417)")]
    [InlineData(false, "_", "Ubuntu 24.04_20240417")]
    public void The_dated_name_follows_multi_and_the_separator(bool multi, string separator, string expected)
    {
        var definition = Definition(multi, separator);
        var image = Image("Ubuntu 24.04", "20240417");

        Assert.Equal(expected, ImageNaming.GlanceName(definition, ImageNaming.VersionOf(definition, image), isCurrent: false));
    }
}
