using System.Management.Automation;

namespace OpenStackImageManager.Completion;

/// <summary>What the completers share: matching the typed prefix and quoting names with spaces.</summary>
internal static class CompletionText
{
    internal static IEnumerable<CompletionResult> Matching(IEnumerable<string> names, string? wordToComplete)
    {
        var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        // The engine's wildcard dialect (PowerShell's rules, case-insensitive), as -Name itself matches.
        var pattern = new Engine.Operations.NamePattern(typed + "*");
        return names
            .Where(pattern.IsMatch)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.OrdinalIgnoreCase)
            .Select(n => new CompletionResult(Quote(n), n, CompletionResultType.ParameterValue, n));
    }

    internal static string Quote(string name) =>
        name.IndexOfAny([' ', '\'', '$', '`', '"', '(', ')', '[', ']', ',', ';', '{', '}', '@', '#']) >= 0
            ? $"'{name.Replace("'", "''", StringComparison.Ordinal)}'"
            : name;

    /// <summary>A bound value as completion sees it: the base object of a PSObject.</summary>
    internal static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    /// <summary>PowerShell's location, not the process's: a relative path means where the user is.</summary>
    internal static string CurrentDirectory()
    {
        try
        {
            return System.Management.Automation.Runspaces.Runspace.DefaultRunspace?.SessionStateProxy.Path.CurrentFileSystemLocation.ProviderPath
                ?? Directory.GetCurrentDirectory();
        }
        catch (PSInvalidOperationException)
        {
            return Directory.GetCurrentDirectory();
        }
    }
}
