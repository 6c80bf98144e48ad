using System.Management.Automation;
using OpenStackImageManager.Completion;
using OpenStackImageManager.Engine.Errors;
using OpenStackImageManager.Engine.Sessions;
using OpenStackImageManager.Models;
using OpenStackImageManager.Sessions;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Base of the cmdlets that talk to a cloud: -Cloud or -Session, else the default session of
/// Connect-OpenStack, else OS_CLOUD / OS_* variables.
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
    /// Whether an error was written since this command began — by a command before it in the pipeline
    /// (Get-ImageDefinition reporting a broken file) or by this one. Deletions never happen in a run that
    /// had an error (docs/BEHAVIOUR.md, "Rotation and cleanup"): definitions that failed to load are missing from the input, and their
    /// images must not look like leftovers. $Error is compared by its newest entry, not its count, because
    /// its count stops growing at $MaximumErrorCount.
    /// </summary>
    private protected bool ErrorsSinceBegin() => !ReferenceEquals(NewestError(), _newestErrorAtBegin);

    private object? NewestError() =>
        SessionState.PSVariable.GetValue("Error") is System.Collections.IList { Count: > 0 } errors ? errors[0] : null;

    /// <summary>
    /// The session to use, resolved once per command; null after an error was written. A failure to
    /// authenticate or connect is a non-terminating error with the cloud as its target, as from
    /// Connect-OpenStack, so -ErrorAction decides; it is written once, not again for each input object.
    /// Only "no cloud at all" is terminating: nothing names a cloud to try.
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

        if (Cloud is null && ModuleSessions.Default is { } current)
        {
            return _resolved = current;
        }

        var directory = CurrentDirectory;
        var cloud = Cloud ?? Environment.GetEnvironmentVariable("OS_CLOUD");
        if (cloud is null && Environment.GetEnvironmentVariable("OS_AUTH_URL") is null)
        {
            ThrowTerminatingError(new ErrorRecord(
                new PSInvalidOperationException("Not connected: run Connect-OpenStack, or pass -Cloud or -Session (or set OS_CLOUD)."),
                "OpenStackImageManager.NotConnected",
                ErrorCategory.ConnectionError,
                null));
        }

        _resolved = TryEngine(
            (log, token) => cloud is null
                ? SessionRegistry.ConnectAsync(null, null, null, directory, log, token)
                : SessionRegistry.ForCloudAsync(cloud, directory, log, token),
            CloudTarget.Of(cloud));
        _connectFailed = _resolved is null;
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
