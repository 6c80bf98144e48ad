namespace OpenStackImageManager.Models;

/// <summary>
/// One value that changes, for display: a property, or an attribute (<c>name</c>, <c>tags</c>,
/// <c>min_disk</c>, <c>visibility</c>, <c>os_hidden</c>, <c>status</c>, ...). <see cref="OldValue"/> null
/// means added, <see cref="NewValue"/> null means removed. Rendered from the item's typed
/// <see cref="ImageTarget"/> (tags comma-joined, booleans <c>true</c>/<c>false</c>); what is applied is the target, never this text.
/// </summary>
public sealed record PropertyChange(string Name, string? OldValue, string? NewValue)
{
    public override string ToString() => (OldValue, NewValue) switch
    {
        (null, _) => $"{Name}: + '{NewValue}'",
        (_, null) => $"{Name}: - '{OldValue}'",
        _ => $"{Name}: '{OldValue}' -> '{NewValue}'",
    };
}
