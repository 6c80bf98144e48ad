using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Tests.Sync;

/// <summary>
/// --check-age: a managed image is reported when its build date lies more than the allowed number of
/// days before the newest build its definition names; images without a readable date are not judged.
/// </summary>
public class ImageAgeCheckTests
{
    private static readonly ImageDefinition s_ubuntu = new()
    {
        Name = "Ubuntu 24.04",
        Format = "qcow2",
        Login = "ubuntu",
        Multi = true,
        Status = "active",
        Visibility = "public",
        SourceFile = "ubuntu.yml",
        Versions =
        [
            Version("20250101", new DateOnly(2025, 1, 1), current: false),
            Version("20250601", new DateOnly(2025, 6, 1), current: true),
        ],
    };

    private static ImageVersion Version(string label, DateOnly built, bool current) => new()
    {
        Version = label,
        DefinitionName = "Ubuntu 24.04",
        Url = $"https://example.com/{label}.img",
        BuildDate = built,
        GlanceName = current ? "Ubuntu 24.04" : $"Ubuntu 24.04 ({label})",
        IsCurrent = current,
    };

    private static GlanceImage Image(string id, string name, string version, string? buildDate) => new()
    {
        Id = id,
        Name = name,
        Status = "active",
        Tags = ["managed_by_osism"],
        Properties = buildDate is null
            ? new Dictionary<string, string> { ["image_name"] = "Ubuntu 24.04", ["internal_version"] = version }
            : new Dictionary<string, string> { ["image_name"] = "Ubuntu 24.04", ["internal_version"] = version, ["image_build_date"] = buildDate },
    };

    [Fact]
    public void Reports_only_images_older_than_the_limit_behind_the_newest_build()
    {
        var old = Image("a", "Ubuntu 24.04 (20250101)", "20250101", "2025-01-01");
        var current = Image("b", "Ubuntu 24.04", "20250601", "2025-06-01");
        var inventory = new ImageInventory([old, current], [s_ubuntu]);

        var aged = ImageAgeCheck.Find(inventory, maxAgeDays: 90);

        var only = Assert.Single(aged);
        Assert.Equal("a", only.Image.Id);
        Assert.Equal(151, only.DaysBehind);
        Assert.Contains("151 days before the newest build of 'Ubuntu 24.04' (2025-06-01)", only.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_larger_limit_reports_nothing()
    {
        var inventory = new ImageInventory([Image("a", "Ubuntu 24.04 (20250101)", "20250101", "2025-01-01")], [s_ubuntu]);

        Assert.Empty(ImageAgeCheck.Find(inventory, maxAgeDays: 151));
        Assert.Single(ImageAgeCheck.Find(inventory, maxAgeDays: 150));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    public void Images_without_a_readable_build_date_are_not_judged(string? buildDate)
    {
        var inventory = new ImageInventory([Image("a", "Ubuntu 24.04 (20250101)", "20250101", buildDate)], [s_ubuntu]);

        Assert.Empty(ImageAgeCheck.Find(inventory, maxAgeDays: 1));
    }

    [Fact]
    public void Images_of_no_given_definition_are_not_judged()
    {
        var stranger = Image("x", "Debian 12", "1", "2000-01-01") with
        {
            Properties = new Dictionary<string, string> { ["image_name"] = "Debian 12", ["image_build_date"] = "2000-01-01" },
        };

        Assert.Empty(ImageAgeCheck.Find(new ImageInventory([stranger], [s_ubuntu]), maxAgeDays: 1));
    }

    [Fact]
    public async Task As_a_planner_it_warns_from_the_run_inventory_and_plans_nothing()
    {
        var inventory = new ImageInventory([Image("a", "Ubuntu 24.04 (20250101)", "20250101", "2025-01-01")], [s_ubuntu]);
        var warnings = new List<string>();
        var context = new PlanContext
        {
            Session = new OpenStackSession(Guid.NewGuid(), "test"),
            Definitions = [s_ubuntu],
            Inventory = inventory,
            Options = new PlanOptions(),
            Capabilities = _ => throw new InvalidOperationException("no capabilities needed"),
            Latest = (_, _) => throw new InvalidOperationException("no upstream needed"),
            Log = new WarningLog(warnings),
        };

        var items = await new ImageAgePlanner(90).PlanAsync(context, CancellationToken.None);

        Assert.Empty(items);
        Assert.Contains(warnings, w => w.Contains("Ubuntu 24.04 (20250101)", StringComparison.Ordinal));
    }

    private sealed class WarningLog(List<string> warnings) : OpenStackImageManager.Engine.Hosting.IOperationLog
    {
        public void Verbose(string message)
        {
        }

        public void Debug(string message)
        {
        }

        public void Warning(string message) => warnings.Add(message);

        public void Progress(OpenStackImageManager.Engine.Hosting.OperationProgress progress)
        {
        }
    }
}
