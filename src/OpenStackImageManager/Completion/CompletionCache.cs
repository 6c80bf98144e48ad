using System.Collections.Concurrent;

namespace OpenStackImageManager.Completion;

/// <summary>
/// Remembers a completer's candidates for a short while, per key (a session's handle, a catalog's
/// path): pressing Tab again must not list the cloud again, but a new image should show up soon.
/// </summary>
internal sealed class CompletionCache(TimeSpan lifetime, TimeProvider? clock = null)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyList<string> Values)> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    internal IReadOnlyList<string> GetOrAdd(string key, Func<IReadOnlyList<string>> load)
    {
        var now = _clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && now - entry.At < lifetime)
        {
            return entry.Values;
        }

        var values = load();
        _entries[key] = (now, values);
        return values;
    }
}
