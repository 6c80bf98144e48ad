using System.Globalization;
using OpenStackImageManager.Engine.Hosting;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Sync;

/// <summary>An image whose build is too old compared with the newest build its definition names.</summary>
internal sealed record AgedImage(GlanceImage Image, ImageDefinition Definition, DateOnly BuildDate, DateOnly NewestBuildDate)
{
    public int DaysBehind => NewestBuildDate.DayNumber - BuildDate.DayNumber;

    public override string ToString() =>
        $"'{Image.Name}' ({Image.Id}) was built {BuildDate:yyyy-MM-dd}, {DaysBehind} days before the newest build of '{Definition.Name}' ({NewestBuildDate:yyyy-MM-dd}).";
}

/// <summary>
/// The Python tool's --check-age: managed images whose <c>image_build_date</c> lies more than a number
/// of days before the newest <c>build_date</c> of their definition. It only reports; nothing changes.
/// An image without a readable build date is not judged (older runs may not have written it).
/// </summary>
internal static class ImageAgeCheck
{
    public static IReadOnlyList<AgedImage> Find(ImageInventory inventory, int maxAgeDays)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var aged = new List<AgedImage>();
        foreach (var image in inventory.Images)
        {
            if (inventory.MatchOf(image) is not { } match || match.Definition.Versions.Count == 0
                || !image.Properties.TryGetValue("image_build_date", out var text)
                || !DateOnly.TryParse(text.Length >= 10 ? text[..10] : text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var built))
            {
                continue;
            }

            var newest = match.Definition.Versions.Max(v => v.BuildDate);
            if (newest.DayNumber - built.DayNumber > maxAgeDays)
            {
                aged.Add(new AgedImage(image, match.Definition, built, newest));
            }
        }

        return aged;
    }
}

/// <summary>
/// --check-age as a planner: it reads the run's one inventory (no listing of its own), warns about each
/// aged image and plans nothing.
/// </summary>
public sealed class ImageAgePlanner(int maxAgeDays) : IImagePlanner
{
    public string Name => "AgeCheck";

    public Task<IReadOnlyList<ImageChange>> PlanAsync(PlanContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var aged in ImageAgeCheck.Find(context.Inventory, maxAgeDays))
        {
            context.Log.Warning(aged.ToString());
        }

        return Task.FromResult<IReadOnlyList<ImageChange>>([]);
    }
}
