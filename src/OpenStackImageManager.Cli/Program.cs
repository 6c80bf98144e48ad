using System.CommandLine;

namespace OpenStackImageManager.Cli;

/// <summary>
/// Entry point of <c>openstack-image-manager</c>. Exit codes follow the Python tool: 0 ok, 1 errors,
/// 2 usage errors.
/// </summary>
public static class Program
{
    public const int ExitOk = 0;
    public const int ExitErrors = 1;
    public const int ExitUsage = 2;

    public static int Main(string[] args)
    {
        var root = CommandLineDefinition.Build();
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                Console.Error.WriteLine($"openstack-image-manager: {error.Message}");
            }

            Console.Error.WriteLine("Try 'openstack-image-manager --help' for more information.");
            return ExitUsage;
        }

        return parseResult.Invoke();
    }
}
