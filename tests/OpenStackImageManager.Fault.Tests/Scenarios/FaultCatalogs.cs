using OpenStackImageManager.Fault.Tests.Upstream;

namespace OpenStackImageManager.Fault.Tests.Scenarios;

/// <summary>The catalog most scenarios share.</summary>
public static class FaultCatalogs
{
    /// <summary>
    /// Converges a rotating definition (version 1) and a fixed one, then adds version 2 of the rotating one
    /// (its former newest must hand the bare name over) and a new definition.
    /// </summary>
    public static async Task ChangedAsync(ScenarioRun run, UpstreamFault newVersionFault = UpstreamFault.None)
    {
        var catalog = run.Catalog;
        var rotating = catalog.Define("Rot", multi: true, visibility: "shared");
        catalog.AddVersion(rotating, "20261101");
        var fixedOne = catalog.Define("Fix", multi: false, visibility: "community");
        catalog.AddVersion(fixedOne, "1.0");
        await run.BaselineAsync();

        catalog.AddVersion(rotating, "20261201", newVersionFault);
        var added = catalog.Define("New", multi: true, visibility: "private");
        catalog.AddVersion(added, "20261201");
        catalog.Write();
    }
}
