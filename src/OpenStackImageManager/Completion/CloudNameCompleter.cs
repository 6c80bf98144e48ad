using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using OpenStackImageManager.Engine.Configuration;

namespace OpenStackImageManager.Completion;

/// <summary>Completes -Cloud with the cloud names of the clouds.yaml in use (OS_CLIENT_CONFIG_FILE, ., ~/.config/openstack, /etc/openstack).</summary>
public sealed class CloudNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return Names(CurrentDirectory())
            .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(Quote(n), n, CompletionResultType.ParameterValue, n));
    }

    // Kept apart so that a missing Engine (never expected) fails only here, not in the completer's signature.
    private static IReadOnlyList<string> Names(string directory) => CloudSelection.CloudNames(directory);

    /// <summary>PowerShell's location, not the process's: clouds.yaml in "." means where the user is.</summary>
    private static string CurrentDirectory()
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

    private static string Quote(string name) => name.IndexOfAny([' ', '\'', '$', '`', '"']) >= 0 ? $"'{name.Replace("'", "''", StringComparison.Ordinal)}'" : name;
}
