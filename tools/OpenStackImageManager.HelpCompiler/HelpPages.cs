namespace OpenStackImageManager.HelpCompiler;

/// <summary>The cmdlet pages of a folder: every "Verb-Noun.md", in name order (about_ topics are copied, not compiled).</summary>
internal static class HelpPages
{
    internal static (IReadOnlyList<CommandHelp> Commands, IReadOnlyList<HelpPageException> Errors) Compile(string folder)
    {
        var commands = new List<CommandHelp>();
        var errors = new List<HelpPageException>();
        var pages = Directory.EnumerateFiles(folder, "*-*.md").Order(StringComparer.Ordinal).ToArray();
        if (pages.Length == 0)
        {
            errors.Add(new HelpPageException(folder, 0, "no cmdlet page (Verb-Noun.md) found."));
        }

        foreach (var page in pages)
        {
            try
            {
                var help = CommandPageParser.Parse(page, File.ReadAllText(page));
                if (help.Name != Path.GetFileNameWithoutExtension(page))
                {
                    throw new HelpPageException(page, 1, $"the title '{help.Name}' does not match the file name.");
                }

                commands.Add(help);
            }
            catch (HelpPageException error)
            {
                errors.Add(error);
            }
        }

        return (commands, errors);
    }
}
