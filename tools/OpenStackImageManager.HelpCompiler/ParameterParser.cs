namespace OpenStackImageManager.HelpCompiler;

/// <summary>
/// Reads "## PARAMETERS": per parameter "### -Name", its text, then one or more ```yaml blocks with
/// PlatyPS's keys. The compiler has no PowerShell to ask, so type, sets, position and pipeline input
/// come from these blocks only (the module's tests compare them with the real cmdlets).
/// </summary>
internal sealed class ParameterParser(CommandPageParser page)
{
    private static readonly string[] s_requiredKeys =
    [
        "Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value", "Accept pipeline input",
        "Accept wildcard characters",
    ];

    private static readonly string[] s_optionalKeys = ["Accepted values"];

    internal IReadOnlyList<ParameterHelp> Parse(PageSection section)
    {
        var parameters = new List<ParameterHelp>();
        foreach (var subsection in section.Subsections(out _))
        {
            if (subsection.Heading == "CommonParameters")
            {
                continue;
            }

            if (!subsection.Heading.StartsWith('-') || subsection.Heading.Length < 2)
            {
                throw page.Error(subsection.Line, $"a parameter heading must be '### -Name', not '### {subsection.Heading}'.");
            }

            var name = subsection.Heading[1..];
            if (parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw page.Error(subsection.Line, $"parameter -{name} is documented twice.");
            }

            parameters.Add(Parameter(name, subsection));
        }

        return parameters;
    }

    private ParameterHelp Parameter(string name, PageSection section)
    {
        var body = section.Body.ToArray();
        var firstYaml = Array.FindIndex(body, l => l.Text.Trim() == "```yaml");
        if (firstYaml < 0)
        {
            throw page.Error(section.Line, $"parameter -{name} has no ```yaml block (Type, Parameter Sets, Required, Position, ...).");
        }

        var description = TextBlocks.Paragraphs(body.Take(firstYaml));
        if (description.Count == 0)
        {
            throw page.Error(section.Line, $"parameter -{name} has no text; say what it does before its ```yaml block.");
        }

        var variants = new List<ParameterVariant>();
        for (var i = firstYaml; i < body.Length; i++)
        {
            if (body[i].Text.Trim() != "```yaml")
            {
                if (!body[i].IsBlank && !body[i].IsFence)
                {
                    throw page.Error(body[i].Number, $"parameter -{name}: text after the ```yaml block belongs before it.");
                }

                continue;
            }

            var end = Array.FindIndex(body, i + 1, l => l.IsFence);
            if (end < 0)
            {
                throw page.Error(body[i].Number, $"parameter -{name}: the ```yaml block is not closed.");
            }

            variants.Add(Variant(name, body[i].Number, body[(i + 1)..end]));
            i = end;
        }

        return new ParameterHelp(name, description, variants, section.Line);
    }

    private ParameterVariant Variant(string name, int line, PageLine[] yaml)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in yaml.Where(l => !l.IsBlank))
        {
            var colon = entry.Text.IndexOf(':', StringComparison.Ordinal);
            var key = colon > 0 ? entry.Text[..colon].Trim() : string.Empty;
            if (!s_requiredKeys.Contains(key, StringComparer.Ordinal) && !s_optionalKeys.Contains(key, StringComparer.Ordinal))
            {
                throw page.Error(entry.Number, $"parameter -{name}: unknown yaml line '{entry.Text.Trim()}'; the keys are {string.Join(", ", s_requiredKeys.Concat(s_optionalKeys))}.");
            }

            values[key] = entry.Text[(colon + 1)..].Trim();
        }

        var missing = s_requiredKeys.FirstOrDefault(k => !values.ContainsKey(k));
        if (missing is not null)
        {
            throw page.Error(line, $"parameter -{name}: the ```yaml block has no '{missing}:'.");
        }

        var position = values["Position"];
        if (position != "Named" && !int.TryParse(position, out _))
        {
            throw page.Error(line, $"parameter -{name}: Position must be Named or a number, not '{position}'.");
        }

        var pipeline = values["Accept pipeline input"];
        if (pipeline is not ("False" or "True (ByValue)" or "True (ByPropertyName)" or "True (ByValue, ByPropertyName)"))
        {
            throw page.Error(line, $"parameter -{name}: Accept pipeline input must be False, True (ByValue), True (ByPropertyName) or True (ByValue, ByPropertyName), not '{pipeline}'.");
        }

        return new ParameterVariant(
            Type: values["Type"],
            ParameterSets: List(values["Parameter Sets"]),
            Aliases: values["Aliases"] is "None" or "" ? [] : List(values["Aliases"]),
            Required: Boolean(name, line, "Required", values["Required"]),
            Position: position,
            DefaultValue: values["Default value"],
            PipelineInput: pipeline,
            Globbing: Boolean(name, line, "Accept wildcard characters", values["Accept wildcard characters"]),
            AcceptedValues: values.TryGetValue("Accepted values", out var accepted) ? List(accepted) : []);
    }

    private bool Boolean(string name, int line, string key, string value) =>
        bool.TryParse(value, out var result) ? result : throw page.Error(line, $"parameter -{name}: {key} must be True or False, not '{value}'.");

    private static string[] List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
