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

    // Set when connecting failed: the error was written once, and later input objects skip silently.
    private bool _connectFailed;

    [Parameter]
    [ArgumentCompleter(typeof(CloudNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Cloud { get; set; }

    [Parameter]
    [ValidateNotNull]
    public OpenStackSession? Session { get; set; }

    /// <summary>PowerShell's current directory, where a clouds.yaml may sit.</summary>
    private protected string CurrentDirectory => SessionState.Path.CurrentFileSystemLocation.ProviderPath;

    /// <summary>The newest entry of $Error when this command began (null when $Error was empty).</summary>
    private object? _newestErrorAtBegin;

    protected override void BeginProcessing()
    {
        _newestErrorAtBegin = NewestError();
        if (Cloud is not null && Session is not null)
        {
            ThrowTerminatingError(ErrorRecords.Usage("Give -Cloud or -Session, not both.", "CloudAndSession", Cloud));
        }
    }

    /// <summary>
    /// Whether this run had an error; then nothing is deleted or deactivated (docs/BEHAVIOUR.md, "Rotation
    /// and cleanup"): definitions that failed to load are missing from the input, and their images must
    /// not look like leftovers. The answer travels with the definitions (the engine's
    /// <see cref="DefinitionQueries.HadErrors"/>), so an upstream <c>-ErrorAction Ignore</c> cannot hide a
    /// broken file. An error written since this command began counts too: a load whose every file was
    /// broken gives no definition to carry the fact. Read on the pipeline thread ($Error is PowerShell's).
    /// </summary>
    private protected bool RunHadErrors(IEnumerable<ImageDefinition> definitions) =>
        DefinitionQueries.HadErrors(definitions) || !ReferenceEquals(NewestError(), _newestErrorAtBegin);

    /// <summary>$Error is compared by its newest entry, not its count, because its count stops growing at $MaximumErrorCount.</summary>
    private object? NewestError() =>
        SessionState.PSVariable.GetValue("Error") is System.Collections.IList { Count: > 0 } errors ? errors[0] : null;

    /// <summary>
    /// The session to use, resolved once per command, by the engine's one rule
    /// (<see cref="CloudSelection"/>): -Session, -Cloud, the default session of Connect-OpenStack,
    /// OS_CLOUD, the OS_* variables. A cloud is reused only while it resolves to the same configuration.
    /// Null after an error was written: a failure to authenticate or connect is a non-terminating error
    /// with the cloud as its target, as from Connect-OpenStack, so -ErrorAction decides; it is written
    /// once, not again for each input object. Only "no cloud at all" is terminating: nothing names a
    /// cloud to try.
    /// </summary>
    private protected OpenStackSession? ResolveSession()
    {
        if (_resolved is not null || _connectFailed)
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
            choice.Target);
        _connectFailed = _resolved is null;
        return _resolved;
    }

    /// <summary>
    /// The images -Name means (wildcards with the engine's <see cref="Engine.Operations.NamePattern"/>,
    /// case-insensitive); a name without wildcards that matches nothing is an ObjectNotFound error naming it.
    /// </summary>
    private protected IReadOnlyList<GlanceImage> ImagesNamed(OpenStackSession session, string[] names)
    {
        var byName = TryEngine((log, token) => Engine.Operations.ImageOperations.FindByNameAsync(session, names, log, token), names);
        if (byName is null)
        {
            return [];
        }

        foreach (var name in byName.NotFound)
        {
            WriteError(new ErrorRecord(
                new ItemNotFoundException($"No image named '{name}' in cloud '{session.Cloud}'."),
                "OpenStackImageManager.ImageNotFound",
                ErrorCategory.ObjectNotFound,
                name));
        }

        return byName.Images;
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
