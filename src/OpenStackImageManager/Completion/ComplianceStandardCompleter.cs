using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using OpenStackImageManager.Engine.Compliance;

namespace OpenStackImageManager.Completion;

/// <summary>Completes -Standard with the engine's standards, so a new standard needs no cmdlet change.</summary>
public sealed class ComplianceStandardCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return Names()
            .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
    }

    // Kept apart so that a missing Engine (never expected) fails only here, not in the completer's signature.
    internal static IReadOnlyList<string> Names() => ComplianceStandards.Names;
}
