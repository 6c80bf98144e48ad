namespace OpenStackImageManager.Models;

/// <summary>
/// An image named by object, id or name. PowerShell converts a <see cref="GlanceImage"/> or a string to
/// this type through the constructors, so one parameter takes all three.
/// </summary>
public sealed class GlanceImageReference
{
    public GlanceImageReference(GlanceImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        Image = image;
        Value = image.Id;
    }

    public GlanceImageReference(string idOrName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrName);
        Value = idOrName;
    }

    /// <summary>The image object, when one was given.</summary>
    public GlanceImage? Image { get; }

    /// <summary>The id (for an object) or the id or name as given.</summary>
    public string Value { get; }

    /// <summary>True when <see cref="Value"/> has the shape of a Glance image id (a UUID).</summary>
    public bool LooksLikeId => Image is not null || Guid.TryParse(Value, out _);

    public override string ToString() => Image?.ToString() ?? Value;
}
