namespace OpenStackImageManager.HelpCompiler;

/// <summary>
/// Usage: OpenStackImageManager.HelpCompiler &lt;pages folder&gt; &lt;output .dll-Help.xml&gt;.
/// Compiles every cmdlet page (Verb-Noun.md) of the folder into one MAML file. Every malformed page is
/// reported (all of them, not only the first) in MSBuild's error format; then the exit code is 1 and
/// no file is written, so a stale help file cannot pass for a new one.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine("Usage: OpenStackImageManager.HelpCompiler <pages folder> <output .dll-Help.xml>");
            return 2;
        }

        var (commands, errors) = HelpPages.Compile(args[0]);
        foreach (var error in errors)
        {
            Console.Error.WriteLine(error.ToMSBuildError());
        }

        if (errors.Count > 0)
        {
            return 1;
        }

        MamlWriter.Save(MamlWriter.Document(commands), args[1]);
        Console.WriteLine($"Help: {commands.Count} cmdlet pages -> {args[1]}");
        return 0;
    }
}
