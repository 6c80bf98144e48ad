namespace OpenStackImageManager.Hosted.Tests;

/// <summary>
/// Scaffolding of a hosted test against the local test cloud: a PowerShell engine with the module, a
/// work folder, a run-unique managed tag, and at the end the removal of every image tagged with it.
/// </summary>
public abstract class HostedCloudTest : IDisposable
{
    protected HostedCloudTest(string name)
    {
        Assert.True(Environment.GetEnvironmentVariable("OIM_TESTCLOUD") == "1", "start the local test cloud: bash tests/cloud/start.sh, then source /var/tmp/oim-testcloud/env.sh");
        Work = Directory.CreateTempSubdirectory($"oim-{name}-").FullName;
        Tag = $"oim-{name}-" + Guid.NewGuid().ToString("N")[..8];
    }

    private protected HostedPowerShell Shell { get; } = new();

    protected string Work { get; }

    /// <summary>The managed tag of this test's images.</summary>
    protected string Tag { get; }

    public void Dispose()
    {
        Shell.Run($"Get-GlanceImage -Cloud oim-p1 -Managed -ManagedTag '{Tag}' -IncludeHidden | Remove-GlanceImage -Cloud oim-p1 -Confirm:$false");
        Shell.Dispose();
        Directory.Delete(Work, recursive: true);
        GC.SuppressFinalize(this);
    }
}
