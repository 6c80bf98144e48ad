using System.Management.Automation;
using OpenStackImageManager.Engine.Updates;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>The engine side of one Find-ImageUpdate call, kept out of the public cmdlet type (no Engine type where PowerShell reflects).</summary>
internal sealed class UpdateFinderSession(UpdateOptions options) : IDisposable
{
    private readonly CatalogUpdates _updates = new(options);

    public void Check(FindImageUpdateCommand cmdlet, ImageDefinition definition, bool includeCurrent)
    {
        var check = cmdlet.RunOnEngine((log, token) => _updates.CheckAsync(definition, log, token));
        if (check.Error is { } error)
        {
            var exception = check.Missing ? (Exception)new ItemNotFoundException(error) : new InvalidDataException(error);
            CiOutput.WriteError(cmdlet, new ErrorRecord(exception, check.Missing ? "UpstreamBuildNotFound" : "UpstreamAnsweredWrongly",
                check.Missing ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidData, definition));
        }
        else if (check.NoSource is { } reason)
        {
            cmdlet.WriteVerboseLine(reason);
        }
        else if (check.Update is { } update)
        {
            if (update.IsNew || includeCurrent)
            {
                cmdlet.WriteObject(update);
            }
            else
            {
                cmdlet.WriteVerboseLine($"'{definition.Name}': the catalog already has the newest build ({update.NewVersion}, {update.Checksum}).");
            }
        }
    }

    public int Requests => _updates.Requests;

    public void Dispose() => _updates.Dispose();
}
