using System.Management.Automation;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Writes a cmdlet's verbose messages so that <c>-Debug</c> never stops at a prompt.
/// </summary>
/// <remarks>
/// PowerShell 7.6's command runtime still answers a compiled cmdlet's verbose preference with
/// <c>Inquire</c> when <c>-Debug</c> is given without <c>-Verbose</c> (a leftover of Windows
/// PowerShell, where -Debug meant "ask before every message"; the debug preference itself became
/// <c>Continue</c>). Every verbose line would then ask "Continue with this operation?", and in a
/// non-interactive session fail. With <c>-Debug</c> alone the operator asked for everything the
/// command can tell, so the verbose lines go to the debug stream, in order with the request lines.
/// </remarks>
internal static class VerboseOutput
{
    public static void WriteVerboseLine(this PSCmdlet cmdlet, string message)
    {
        if (DebugWithoutVerbose(cmdlet))
        {
            cmdlet.WriteDebug(message);
        }
        else
        {
            cmdlet.WriteVerbose(message);
        }
    }

    private static bool DebugWithoutVerbose(PSCmdlet cmdlet)
    {
        var bound = cmdlet.MyInvocation.BoundParameters;
        return bound.TryGetValue("Debug", out var debug)
            && debug is SwitchParameter { IsPresent: true }
            && !bound.ContainsKey("Verbose");
    }
}
