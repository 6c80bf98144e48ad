namespace OpenStackImageManager.Models;

/// <summary>
/// One value that changes: a property, or an attribute (<c>tags</c>, <c>min_disk</c>, <c>visibility</c>,
/// <c>os_hidden</c>, <c>status</c>, <c>name</c>). <see cref="OldValue"/> null means added,
/// <see cref="NewValue"/> null means removed. Values are the strings Glance stores (tags comma-joined, sorted).
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
