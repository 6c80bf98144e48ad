using System.Management.Automation;
using OpenStackImageManager.Completion;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Configuration;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Models;
using OpenStackImageManager.Sessions;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Base of the cmdlets that talk to a cloud: -Session, else the cloud the engine's rule chooses
/// (-Cloud, the default session of Connect-OpenStack, OS_CLOUD, the OS_* variables).
/// </summary>
public abstract class CloudCmdlet : EngineCmdlet
{
    private OpenStackSession? _resolved;

    [Parameter]
    [ArgumentCompleter(typeof(CloudNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Cloud { get; set; }

    [Parameter]
    [ValidateNotNull]
    public OpenStackSession? Session { get; set; }

    /// <summary>PowerShell's current directory, where a clouds.yaml may sit.</summary>
    private protected string CurrentDirectory => SessionState.Path.CurrentFileSystemLocation.ProviderPath;

    protected override void BeginProcessing()
    {
        if (Cloud is not null && Session is not null)
        {
            ThrowTerminatingError(ErrorRecords.Usage("Give -Cloud or -Session, not both.", "CloudAndSession", Cloud));
        }
    }

    /// <summary>
    /// Whether the run these definitions belong to had an error (a definition file that failed to load,
    /// a path that did not resolve). Deletions never happen in such a run (docs/BEHAVIOUR.md, "Rotation
    /// and cleanup"): definitions that failed to load are missing from the input, and their images must
    /// not look like leftovers. The fact travels with the definitions, so an upstream
    /// <c>-ErrorAction Ignore</c> or <c>SilentlyContinue</c> cannot hide it.
    /// </summary>
    private protected static bool RunHadErrors(IEnumerable<ImageDefinition> definitions) => DefinitionQueries.HadErrors(definitions);

    /// <summary>
    /// The session to use, resolved once per command, by the engine's one rule
    /// (<see cref="CloudSelection"/>): -Session, -Cloud, the default session of Connect-OpenStack,
    /// OS_CLOUD, the OS_* variables. A cloud is reused only while it resolves to the same configuration.
    /// </summary>
    private protected OpenStackSession? ResolveSession()
    {
        if (_resolved is not null)
        {
            return _resolved;
        }

        if (Session is not null)
        {
            return _resolved = Session;
        }

        var current = ModuleSessions.Default;
        var choice = CloudSelection.Choose(Cloud, hasDefaultSession: current is not null);
        if (choice is null)
        {
            ThrowTerminatingError(new ErrorRecord(
                new PSInvalidOperationException("Not connected: run Connect-OpenStack, or pass -Cloud or -Session (or set OS_CLOUD)."),
                "OpenStackImageManager.NotConnected",
                ErrorCategory.ConnectionError,
                null));
        }

        if (choice!.Source == CloudSource.DefaultSession)
        {
            return _resolved = current;
        }

        var directory = CurrentDirectory;
        _resolved = TryEngine(
            (log, token) => ModuleSessionCache.Instance.GetOrConnectAsync(choice, directory, log, token),
            choice.Cloud,
            terminating: true);
        return _resolved;
    }

    /// <summary>Runs engine work; an engine failure becomes an error record (terminating when asked) and null.</summary>
    private protected T? TryEngine<T>(Func<Engine.Hosting.IOperationLog, CancellationToken, Task<T>> work, object? target, bool terminating = false)
    {
        try
        {
            return RunEngine(work);
        }
        catch (OpenStackException ex)
        {
            var record = ErrorRecords.From(ex, target);
            if (terminating)
            {
                ThrowTerminatingError(record);
            }

            WriteError(record);
            return default;
        }
    }
}
