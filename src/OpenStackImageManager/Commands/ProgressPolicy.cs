using System.Management.Automation;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Whether a command shows progress bars. In an interactive console it does. In a CI job (CI, TF_BUILD or
/// GITHUB_ACTIONS set) or when standard output is not a terminal, progress records are not written at
/// all: such hosts print every update as a line of its own and bury the log. An explicit
/// <c>-ProgressAction</c> on the command decides in every host.
/// </summary>
internal static class ProgressPolicy
{
    private static readonly string[] s_ciVariables = ["CI", "TF_BUILD", "GITHUB_ACTIONS"];

    internal static bool Wanted(PSCmdlet cmdlet)
    {
        if (cmdlet.MyInvocation.BoundParameters.TryGetValue("ProgressAction", out var asked))
        {
            var preference = asked is PSObject wrapped ? wrapped.BaseObject : asked;
            return preference is not (ActionPreference.SilentlyContinue or ActionPreference.Ignore);
        }

        return !IsNonInteractive();
    }

    internal static bool IsNonInteractive() =>
        s_ciVariables.Any(name => IsSet(Environment.GetEnvironmentVariable(name))) || Console.IsOutputRedirected;

    private static bool IsSet(string? value) =>
        !string.IsNullOrWhiteSpace(value) && !value.Equals("false", StringComparison.OrdinalIgnoreCase) && value != "0";
}
