using System.Management.Automation;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Commands;

/// <summary>
/// Compares the catalog with end-of-life data (endoflife.date's JSON, from the site, a copy or a
/// folder): supported releases no definition describes, enabled definitions past their end of life,
/// and with -MaxAge the cloud's images that are too far behind their definition's newest build.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ImageLifecycle")]
[OutputType(typeof(LifecycleFinding), typeof(string))]
public sealed class TestImageLifecycleCommand : CloudCmdlet
{
    private readonly List<ImageDefinition> _definitions = [];

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ImageDefinition[] InputObject { get; set; } = [];

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string EndOfLifeSource { get; set; } = Engine.Lifecycle.EndOfLifeData.DefaultSource;

    [Parameter]
    public DateTime? Today { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Product { get; set; } = [];

    [Parameter]
    [ValidateRange(0, 100000)]
    public int? MaxAge { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string ManagedTag { get; set; } = Engine.Defaults.ManagedTag;

    [Parameter]
    public SwitchParameter Markdown { get; set; }

    protected override void ProcessRecord() => _definitions.AddRange(InputObject);

    protected override void EndProcessing()
    {
        var today = DateOnly.FromDateTime(Today ?? DateTime.UtcNow);
        var source = EndOfLifeSource;
        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            source = SessionState.Path.GetUnresolvedProviderPathFromPSPath(source);
        }

        var (findings, failures) = LifecycleRun.Check(this, _definitions, Product, source, today);
        var all = findings.ToList();
        if (MaxAge is { } maxAge && ResolveSession() is { } session)
        {
            var definitions = _definitions.ToArray();
            var tag = ManagedTag;
            var aged = TryEngine((log, token) => LifecycleRun.AgedAsync(session, definitions, tag, maxAge, log, token), session.Cloud);
            all.AddRange(aged ?? []);
        }

        foreach (var failure in failures)
        {
            WriteError(new ErrorRecord(new InvalidDataException(failure), "EndOfLifeDataUnavailable", ErrorCategory.ReadError, source));
        }

        if (Markdown)
        {
            WriteObject(LifecycleRun.Markdown(all, failures, today));
            return;
        }

        WriteObject(all, enumerateCollection: true);
    }

    internal T RunOnEngine<T>(Func<Engine.Hosting.IOperationLog, CancellationToken, Task<T>> work) => RunEngine(work);
}
