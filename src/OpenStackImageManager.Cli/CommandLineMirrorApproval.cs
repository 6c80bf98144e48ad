using OpenStackImageManager.Engine.Mirror;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Cli;

/// <summary>
/// The command line's answer in the engine's mirror approval loop: every object is approved, except
/// with --dry-run, where it is printed instead; warnings and errors go to the log.
/// </summary>
internal sealed class CommandLineMirrorApproval(TextWriter output, ConsoleLog log, bool dryRun) : IMirrorApproval
{
    public bool Approve(MirrorCandidate candidate)
    {
        if (dryRun)
        {
            output.WriteLine($"{candidate.Action} -> {candidate.Target}");
            return false;
        }

        return true;
    }

    public void Warning(string message) => log.Warning(message);

    public void Error(ImageDefinition definition, string message) => log.Error($"{definition.Name}: {message}");
}
