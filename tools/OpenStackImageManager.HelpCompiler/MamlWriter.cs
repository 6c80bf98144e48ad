using System.Xml;
using System.Xml.Linq;

namespace OpenStackImageManager.HelpCompiler;

/// <summary>
/// Writes commands as the MAML that Get-Help reads from &lt;Module&gt;.dll-Help.xml, in the shape
/// PlatyPS emits: details with the synopsis, description, syntax items per parameter set, parameters,
/// input and return types, notes as an alert, examples and related links.
/// </summary>
internal static class MamlWriter
{
    private static readonly XNamespace s_msh = "http://msh";
    private static readonly XNamespace s_maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace s_command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace s_dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly XNamespace s_msHelp = "http://msdn.microsoft.com/mshelp";

    internal static XDocument Document(IEnumerable<CommandHelp> commands) => new(
        new XDeclaration("1.0", "utf-8", null),
        new XElement(s_msh + "helpItems", new XAttribute("schema", "maml"), commands.Select(Command)));

    internal static void Save(XDocument document, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new System.Text.UTF8Encoding(false) };
        using var writer = XmlWriter.Create(path, settings);
        document.Save(writer);
    }

    private static XElement Command(CommandHelp help) => new(
        s_command + "command",
        new XAttribute(XNamespace.Xmlns + "maml", s_maml),
        new XAttribute(XNamespace.Xmlns + "command", s_command),
        new XAttribute(XNamespace.Xmlns + "dev", s_dev),
        new XAttribute(XNamespace.Xmlns + "MSHelp", s_msHelp),
        new XElement(
            s_command + "details",
            new XElement(s_command + "name", help.Name),
            new XElement(s_command + "verb", help.Verb),
            new XElement(s_command + "noun", help.Noun),
            Description([help.Synopsis])),
        Description(help.Description),
        new XElement(s_command + "syntax", help.Syntax.Select(set => SyntaxItem(help, set))),
        new XElement(s_command + "parameters", help.Parameters.Select(p => Parameter(p, p.Primary, inSyntax: false))),
        new XElement(s_command + "inputTypes", help.Inputs.Select(t => TypeEntry("inputType", t))),
        new XElement(s_command + "returnValues", help.Outputs.Select(t => TypeEntry("returnValue", t))),
        new XElement(s_maml + "alertSet", new XElement(s_maml + "alert", Paragraphs(help.Notes))),
        new XElement(s_command + "examples", help.Examples.Select(Example)),
        new XElement(s_command + "relatedLinks", help.RelatedLinks.Select(Link)));

    private static XElement SyntaxItem(CommandHelp help, SyntaxSet set) => new(
        s_command + "syntaxItem",
        new XElement(s_maml + "name", help.Name),
        set.ParameterNames
            .Select(name => help.Parameters.First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            .Select(p => Parameter(p, p.VariantFor(set.Name)!, inSyntax: true)));

    private static XElement Parameter(ParameterHelp parameter, ParameterVariant variant, bool inSyntax)
    {
        var element = new XElement(
            s_command + "parameter",
            new XAttribute("required", variant.Required ? "true" : "false"),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", variant.Globbing ? "true" : "false"),
            new XAttribute("pipelineInput", variant.PipelineInput),
            new XAttribute("position", variant.Position == "Named" ? "named" : variant.Position),
            new XAttribute("aliases", variant.Aliases.Count == 0 ? "none" : string.Join(", ", variant.Aliases)),
            new XElement(s_maml + "name", parameter.Name),
            Description(parameter.Description));
        if (variant.AcceptedValues.Count > 0)
        {
            element.Add(new XElement(
                s_command + "parameterValueGroup",
                variant.AcceptedValues.Select(v => new XElement(
                    s_command + "parameterValue",
                    new XAttribute("required", "false"),
                    new XAttribute("command", "false"),
                    new XAttribute("variableLength", "false"),
                    v))));
        }

        // A switch has no value: PlatyPS leaves it out of the syntax so Get-Help shows "[-Force]", not "[-Force <SwitchParameter>]".
        if (!(inSyntax && variant.IsSwitch))
        {
            element.Add(new XElement(
                s_command + "parameterValue",
                new XAttribute("required", variant.IsSwitch ? "false" : "true"),
                new XAttribute("variableLength", "false"),
                variant.Type));
        }

        element.Add(
            new XElement(s_dev + "type", new XElement(s_maml + "name", variant.Type), new XElement(s_maml + "uri")),
            new XElement(s_dev + "defaultValue", variant.DefaultValue));
        return element;
    }

    private static XElement TypeEntry(string kind, TypeHelp type) => new(
        s_command + kind,
        new XElement(s_dev + "type", new XElement(s_maml + "name", type.Name)),
        Description(type.Description));

    private static XElement Example(ExampleHelp example) => new(
        s_command + "example",
        new XElement(s_maml + "title", $"-------------------------- {example.Title} --------------------------"),
        new XElement(s_dev + "code", example.Code),
        new XElement(s_dev + "remarks", Paragraphs(example.Remarks)));

    private static XElement Link(RelatedLink link) => new(
        s_maml + "navigationLink",
        new XElement(s_maml + "linkText", link.Text),
        new XElement(s_maml + "uri", link.Uri));

    private static XElement Description(IEnumerable<string> paragraphs) => new(s_maml + "description", Paragraphs(paragraphs));

    private static IEnumerable<XElement> Paragraphs(IEnumerable<string> paragraphs) =>
        paragraphs.Select(p => new XElement(s_maml + "para", p));
}
