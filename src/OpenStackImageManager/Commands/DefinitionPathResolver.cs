using System.Management.Automation;
using Microsoft.PowerShell.Commands;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Turns -Path values (wildcards, PSDrive paths, provider-qualified PSPath from Get-ChildItem) into
/// file-system paths; what cannot be resolved becomes a non-terminating error.
/// </summary>
internal static class DefinitionPathResolver
{
    public static void Resolve(PSCmdlet cmdlet, IEnumerable<string> paths, List<string> into, out bool failed)
    {
        failed = false;
        foreach (var path in paths)
        {
            try
            {
                var resolved = cmdlet.GetResolvedProviderPathFromPSPath(path, out var provider);
                if (provider.ImplementingType != typeof(FileSystemProvider))
                {
                    CiOutput.WriteError(cmdlet, new ErrorRecord(
                        new ArgumentException($"'{path}' is not a file-system path; image definitions are read from files."),
                        "PathNotFileSystem", ErrorCategory.InvalidArgument, path));
                    failed = true;
                    continue;
                }

                into.AddRange(resolved);
            }
            catch (ItemNotFoundException ex)
            {
                CiOutput.WriteError(cmdlet, new ErrorRecord(ex, "PathNotFound", ErrorCategory.ObjectNotFound, path));
                failed = true;
            }
            catch (System.Management.Automation.DriveNotFoundException ex)
            {
                CiOutput.WriteError(cmdlet, new ErrorRecord(ex, "DriveNotFound", ErrorCategory.ObjectNotFound, path));
                failed = true;
            }
        }
    }
}
