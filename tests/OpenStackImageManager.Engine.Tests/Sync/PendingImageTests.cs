using OpenStackImageManager.Engine.Sync;
using OpenStackImageManager.Models;
using static OpenStackImageManager.Engine.Tests.Sync.SyncSamples;

namespace OpenStackImageManager.Engine.Tests.Sync;

/// <summary>An image still marked pending (a run died between import and verification) is never adopted.</summary>
public class PendingImageTests
{
    [Fact]
    public void An_active_pending_image_is_replaced_by_a_new_import_never_renamed_or_published()
    {
        var definition = Definition("Debian", versions: ["1"]);
        var leftover = (Synced(definition, definition.Versions[0]) with { Name = "Debian 1 (importing)", Visibility = "private" })
            .With(DesiredImage.PendingKey, "0123456789abcdef0123456789abcdef");

        var item = Assert.Single(Plan([definition], [leftover]));

        Assert.Equal(ImageChangeKind.Create, item.Kind);
        Assert.Same(leftover, item.Image);
        Assert.Contains($"replacing the half-made image {leftover.Id}", item.Description, StringComparison.Ordinal);
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
