using OpenStackImageManager.Fault.Tests.Cloud;
using OpenStackImageManager.Fault.Tests.Upstream;

namespace OpenStackImageManager.Fault.Tests;

/// <summary>
/// What the scenarios of one test class share: a work folder, the project with its two proxies, the
/// upstream fault server. Each class has its own, so classes run side by side while the scenarios of one
/// class (which set the proxies' schedule) run one after another.
/// </summary>
public sealed class FaultSuiteFixture : IDisposable
{
    public FaultSuiteFixture()
    {
        Work = Directory.CreateTempSubdirectory("oim-fault-").FullName;
        Cloud = new FaultCloud(Work);
        var files = Path.Combine(Work, "upstream");
        Directory.CreateDirectory(files);
        Upstream = new UpstreamFaultServer(files);
    }

    public string Work { get; }

    public FaultCloud Cloud { get; }

    public UpstreamFaultServer Upstream { get; }

    public void Dispose()
    {
        Upstream.Dispose();
        Cloud.Dispose();
        try
        {
            Directory.Delete(Work, true);
        }
        catch (IOException)
        {
        }
    }
}
