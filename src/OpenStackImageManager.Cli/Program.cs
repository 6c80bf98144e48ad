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

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the tool with its output and errors going to the given writers (tests use this).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = CommandLineDefinition.Build(output, error);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                // Name the option when the parser's message does not (e.g. a value not among the allowed ones).
                var option = (parseError.SymbolResult as System.CommandLine.Parsing.OptionResult)?.Option.Name
                    ?? ((parseError.SymbolResult as System.CommandLine.Parsing.ArgumentResult)?.Parent as System.CommandLine.Parsing.OptionResult)?.Option.Name;
                var prefix = option is not null && !parseError.Message.Contains(option, StringComparison.Ordinal) ? $"{option}: " : string.Empty;
                error.WriteLine($"openstack-image-manager: {prefix}{parseError.Message}");
            }

            error.WriteLine("Try 'openstack-image-manager --help' for more information.");
            return ExitUsage;
        }

        try
        {
            return parseResult.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug of ours, or something the engine did not expect: one line, no stack trace for the
            // operator's log (the engine's own errors are handled by the commands and never get here).
            error.WriteLine($"openstack-image-manager: unexpected error ({ex.GetType().Name}): {ex.Message}");
            return ExitErrors;
        }
    }
}
