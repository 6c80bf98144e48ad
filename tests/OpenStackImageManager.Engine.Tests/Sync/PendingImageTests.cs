using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;
using static OpenStackImageManager.Engine.Tests.Sync.SyncSamples;

namespace OpenStackImageManager.Engine.Tests.Sync;

/// <summary>Images still marked pending (a run died between import and verification), and the staging name they carry.</summary>
public class PendingImageTests
{
    [Fact]
    public void A_pending_image_holding_a_versions_fixed_id_is_left_to_that_versions_import_never_cleaned_up()
    {
        const string fixedId = "5c0ffee0-0000-4000-8000-000000000001";
        var sample = Definition("Debian", versions: ["1"]);
        var version = new ImageVersion { DefinitionName = "Debian", Version = "1", Url = sample.Versions[0].Url, BuildDate = sample.Versions[0].BuildDate, GlanceName = "Debian 1", Id = fixedId };
        var definition = new ImageDefinition
        {
            Name = sample.Name, Format = sample.Format, Login = sample.Login, MinDisk = sample.MinDisk, MinRam = sample.MinRam, Status = sample.Status,
            Visibility = sample.Visibility, Meta = sample.Meta, Versions = [version], SourceFile = sample.SourceFile,
        };
        var leftover = (Synced(definition, definition.Versions[0]) with { Id = fixedId, Name = "Debian 1 (importing)", Visibility = "private", Status = "queued" })
            .With(DesiredImage.PendingKey, "0123456789abcdef0123456789abcdef");

        var plan = Plan([definition], [leftover]);

        Assert.DoesNotContain(plan, i => i.Kind == ImageChangeKind.Delete);
        var create = Assert.Single(plan);
        Assert.Equal(ImageChangeKind.Create, create.Kind);
        Assert.Equal(fixedId, create.ImageId);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(243)]
    [InlineData(255)]
    public void The_staging_name_fits_Glances_name_limit_and_is_never_the_final_name(int length)
    {
        var final = new string('n', length);

        var staging = ImageImporter.StagingName(final);

        Assert.True(staging.Length <= 255, $"{staging.Length} characters");
        Assert.EndsWith(" (importing)", staging, StringComparison.Ordinal);
        Assert.NotEqual(final, staging);
    }
}
