using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace OpenStackImageManager.Hosted.Tests;

/// <summary>
/// A PowerShell 7.6 runspace in this process with the laid-out module imported, as a user's session has
/// it. Only the Core commands exist here (the Utility and Management modules are not part of the
/// hosted engine), so the scripts the tests run use the module's cmdlets and the language itself.
/// </summary>
internal sealed class HostedPowerShell : IDisposable
{
    private readonly Runspace _runspace;

    public HostedPowerShell(bool importModule = true)
    {
        _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        _runspace.Open();
        if (importModule)
        {
            Run($"Import-Module '{Paths.Manifest}' -ErrorAction Stop");
        }
    }

    public Collection<PSObject> Output { get; private set; } = [];

    public IReadOnlyList<ErrorRecord> Errors { get; private set; } = [];

    public IReadOnlyList<WarningRecord> Warnings { get; private set; } = [];

    public IReadOnlyList<VerboseRecord> Verbose { get; private set; } = [];

    /// <summary>Runs <paramref name="script"/>; terminating errors surface as the exception PowerShell throws.</summary>
    public Collection<PSObject> Run(string script, IDictionary<string, object?>? variables = null)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
        {
            _runspace.SessionStateProxy.SetVariable(name, value);
        }

        shell.AddScript(script);
        Output = shell.Invoke();
        // Copied: the streams go with the PowerShell object.
        Errors = shell.Streams.Error.ToList();
        Warnings = shell.Streams.Warning.ToList();
        Verbose = shell.Streams.Verbose.ToList();
        return Output;
    }

    public void Dispose() => _runspace.Dispose();
}

/// <summary>Where the laid-out module is; the repository and its fixtures are <see cref="TestPaths"/>.</summary>
internal static class Paths
{
    public static string ModuleBase { get; } = Path.Combine(TestPaths.RepoRoot, "out", "OpenStackImageManager", TestPaths.Version);

    public static string Manifest { get; } = Path.Combine(ModuleBase, "OpenStackImageManager.psd1");
}
