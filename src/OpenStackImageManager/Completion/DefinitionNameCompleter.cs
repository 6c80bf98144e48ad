using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Hosting;

namespace OpenStackImageManager.Completion;

/// <summary>
/// Completes definition names from the catalog of the command being typed: its -Path (files or
/// folders, relative to PowerShell's location), else <c>./images</c> when there is such a folder. The
/// names of one catalog are kept for 30 seconds; a catalog that cannot be read offers nothing.
/// </summary>
public sealed class DefinitionNameCompleter : IArgumentCompleter
{
    private static readonly CompletionCache s_cache = new(TimeSpan.FromSeconds(30));

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var paths = CatalogPaths(fakeBoundParameters);
            if (paths.Count == 0)
            {
                return [];
            }

            var names = s_cache.GetOrAdd(string.Join('\u0000', paths), () => Names(paths));
            return CompletionText.Matching(names, wordToComplete).ToList();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return [];
        }
    }

    private static List<string> CatalogPaths(IDictionary bound)
    {
        var here = CompletionText.CurrentDirectory();
        var given = bound.Contains("Path") ? CompletionText.Unwrap(bound["Path"]) : null;
        var paths = given switch
        {
            string one => [one],
            IEnumerable many => many.Cast<object?>().Select(CompletionText.Unwrap).OfType<string>().ToList(),
            _ => new List<string>(),
        };
        if (paths.Count == 0 && Directory.Exists(Path.Combine(here, "images")))
        {
            paths.Add("images");
        }

        return paths.Select(p => Path.GetFullPath(p, here)).Where(p => File.Exists(p) || Directory.Exists(p)).ToList();
    }

    private static IReadOnlyList<string> Names(IReadOnlyList<string> paths) =>
        DefinitionLoader.Load(paths, strict: false, NullOperationLog.Instance, CancellationToken.None).Definitions.Select(d => d.Name).ToList();
}
