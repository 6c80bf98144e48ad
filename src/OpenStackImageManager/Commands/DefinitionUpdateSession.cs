using System.Management.Automation;
using OpenStackImageManager.Engine.Mirror;
using OpenStackImageManager.Engine.Updates;
using OpenStackImageManager.Engine.Updates.Editing;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>The engine side of one Update-ImageDefinition call: prepare the edit, ask ShouldProcess with its diff, mirror, write.</summary>
internal sealed class DefinitionUpdateSession(DefinitionUpdater updater) : IDisposable
{
    public static DefinitionUpdateSession Open(UpdateImageDefinitionCommand cmdlet, UpdateOptions options, Uri? mirrorBaseUrl, string prefix, string? keyTemplate,
        bool mirror, Uri? endpoint, string? bucket, string? region, PSCredential? credential)
    {
        MirrorTarget? target = null;
        try
        {
            var network = credential?.GetNetworkCredential();
            target = MirrorTarget.Resolve(mirrorBaseUrl, prefix, keyTemplate, mirror,
                new S3SettingsInput(endpoint, bucket, region, credential?.UserName, network?.Password), Environment.GetEnvironmentVariable);
        }
        catch (MirrorDefinitionException e)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException(e.Message), "MirrorTargetIncomplete", ErrorCategory.InvalidArgument, endpoint));
        }

        return new DefinitionUpdateSession(new DefinitionUpdater(options, target, Engine.Hosting.NullOperationLog.Instance));
    }

    public void Apply(UpdateImageDefinitionCommand cmdlet, ImageUpdate update, CatalogUpdatePolicy policy, int keep, bool passThru)
    {
        if (!update.IsNew)
        {
            cmdlet.WriteVerboseLine($"'{update.DefinitionName}': {update.NewVersion} is already in {update.File}; nothing to write.");
            return;
        }

        try
        {
            var prepared = cmdlet.RunOnEngine((log, token) => updater.PrepareAsync(update, policy, keep, log, token));
            var edit = prepared.Edit;
            var description = $"Write '{edit.DefinitionName}' version {edit.NewVersion} ({edit.Policy}{(edit.OldVersion is null ? string.Empty : $", was {edit.OldVersion}")}) into {edit.File}:{Environment.NewLine}{edit.Diff.TrimEnd('\n')}";
            if (!cmdlet.ShouldProcess(description, $"Write version {edit.NewVersion} of '{edit.DefinitionName}' into {edit.File}?", "Update-ImageDefinition"))
            {
                return;
            }

            var written = cmdlet.RunOnEngine((log, token) => updater.WriteAsync(prepared, log, token));
            if (passThru)
            {
                cmdlet.WriteObject(written);
            }
        }
        catch (CatalogEditException e)
        {
            CiOutput.WriteError(cmdlet, new ErrorRecord(new InvalidOperationException($"'{update.DefinitionName}' in {update.File}: {e.Message}", e), "ImageDefinitionNotUpdated", ErrorCategory.WriteError, update));
        }
        catch (MirrorDefinitionException e)
        {
            CiOutput.WriteError(cmdlet, new ErrorRecord(new InvalidDataException(e.Message, e), "MirrorDefinitionInvalid", ErrorCategory.InvalidData, update));
        }
        catch (IOException e)
        {
            CiOutput.WriteError(cmdlet, new ErrorRecord(e, "ImageDefinitionNotWritten", ErrorCategory.WriteError, update.File));
        }
    }

    public void Dispose() => updater.Dispose();
}
