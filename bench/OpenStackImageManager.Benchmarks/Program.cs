using BenchmarkDotNet.Running;

namespace OpenStackImageManager.Benchmarks;

public static class Program
{
    /// <summary>`import`: the measured 2 GiB import run (<see cref="SyncImportRun"/>); anything else goes to BenchmarkDotNet.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "import")
        {
            return await SyncImportRun.MainAsync(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
