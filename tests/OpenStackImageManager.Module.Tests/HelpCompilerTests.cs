using System.Xml.Linq;
using OpenStackImageManager.HelpCompiler;

namespace OpenStackImageManager.Module.Tests;

/// <summary>
/// The help compiler: which pages it refuses (with the line to fix) and the MAML it writes for a good one.
/// </summary>
public class HelpCompilerTests
{
    private static readonly XNamespace s_maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace s_command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace s_dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private const string GoodPage = """
        ---
        external help file: OpenStackImageManager.dll-Help.xml
        Module Name: OpenStackImageManager
        schema: 2.0.0
        title: Get-Thing
        ---

        # Get-Thing

        ## SYNOPSIS

        Gets things.

        ## SYNTAX

        ### Name (Default)

        ```
        Get-Thing [[-Name] <String[]>] [-Force] [<CommonParameters>]
        ```

        ### Id

        ```
        Get-Thing -Id <String> [-Force] [<CommonParameters>]
        ```

        ## DESCRIPTION

        Gets things
        from the store.

        Second paragraph.

        ## EXAMPLES

        ### Example 1: All things

        ```powershell
        # A comment, not a heading
        Get-Thing
        ```

        Writes every thing.

        ## PARAMETERS

        ### -Name

        Names; wildcards allowed.

        ```yaml
        Type: String[]
        Parameter Sets: Name
        Aliases: None

        Required: False
        Position: 0
        Default value: None
        Accept pipeline input: True (ByValue)
        Accept wildcard characters: True
        ```

        ### -Id

        The id.

        ```yaml
        Type: String
        Parameter Sets: Id
        Aliases: None

        Required: True
        Position: Named
        Default value: None
        Accept pipeline input: True (ByPropertyName)
        Accept wildcard characters: False
        ```

        ### -Force

        Forces it.

        ```yaml
        Type: SwitchParameter
        Parameter Sets: (All)
        Aliases: f

        Required: False
        Position: Named
        Default value: False
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ### CommonParameters

        This cmdlet supports the common parameters.

        ## INPUTS

        ### System.String

        Names.

        ## OUTPUTS

        ### Thing

        ## NOTES

        A note.

        ## RELATED LINKS

        - [Set-Thing](Set-Thing.md)
        """;

    private static XElement Compile(string page)
    {
        var document = MamlWriter.Document([CommandPageParser.Parse("Get-Thing.md", page)]);
        return document.Root!.Element(s_command + "command")!;
    }

    private static HelpPageException Refused(string page) =>
        Assert.Throws<HelpPageException>(() => CommandPageParser.Parse("Get-Thing.md", page));

    private static int LineOf(string page, string text) =>
        page.Split('\n').Select((line, index) => (line, index)).First(l => l.line.Contains(text, StringComparison.Ordinal)).index + 1;

    [Fact]
    public void WritesDetailsDescriptionAndExamplesAsGetHelpReadsThem()
    {
        var command = Compile(GoodPage);

        var details = command.Element(s_command + "details")!;
        Assert.Equal("Get-Thing", details.Element(s_command + "name")!.Value);
        Assert.Equal("Get", details.Element(s_command + "verb")!.Value);
        Assert.Equal("Gets things.", details.Element(s_maml + "description")!.Value);
        Assert.Equal(
            ["Gets things from the store.", "Second paragraph."],
            command.Element(s_maml + "description")!.Elements(s_maml + "para").Select(p => p.Value));
        var example = Assert.Single(command.Descendants(s_command + "example"));
        Assert.Equal("# A comment, not a heading\nGet-Thing", example.Element(s_dev + "code")!.Value);
        Assert.Contains("Example 1: All things", example.Element(s_maml + "title")!.Value, StringComparison.Ordinal);
        Assert.Equal("Writes every thing.", example.Element(s_dev + "remarks")!.Value);
        Assert.Equal("A note.", command.Element(s_maml + "alertSet")!.Value);
        Assert.Equal("System.String", command.Descendants(s_command + "inputType").Single().Descendants(s_maml + "name").Single().Value);
        Assert.Equal("Set-Thing", command.Descendants(s_maml + "linkText").Single().Value);
    }

    [Fact]
    public void WritesParameterFactsFromTheYamlBlocks()
    {
        var parameters = Compile(GoodPage).Element(s_command + "parameters")!.Elements(s_command + "parameter").ToArray();

        var name = parameters.Single(p => p.Element(s_maml + "name")!.Value == "Name");
        Assert.Equal("false", name.Attribute("required")!.Value);
        Assert.Equal("0", name.Attribute("position")!.Value);
        Assert.Equal("True (ByValue)", name.Attribute("pipelineInput")!.Value);
        Assert.Equal("true", name.Attribute("globbing")!.Value);
        Assert.Equal("String[]", name.Element(s_dev + "type")!.Element(s_maml + "name")!.Value);
        var id = parameters.Single(p => p.Element(s_maml + "name")!.Value == "Id");
        Assert.Equal("true", id.Attribute("required")!.Value);
        Assert.Equal("named", id.Attribute("position")!.Value);
        Assert.Equal("f", parameters.Single(p => p.Element(s_maml + "name")!.Value == "Force").Attribute("aliases")!.Value);
    }

    [Fact]
    public void WritesOneSyntaxItemPerSetInTheSyntaxLineOrderAndNoValueForSwitches()
    {
        var items = Compile(GoodPage).Element(s_command + "syntax")!.Elements(s_command + "syntaxItem").ToArray();

        Assert.Equal(2, items.Length);
        Assert.Equal(["Name", "Force"], items[0].Elements(s_command + "parameter").Select(p => p.Element(s_maml + "name")!.Value));
        Assert.Equal(["Id", "Force"], items[1].Elements(s_command + "parameter").Select(p => p.Element(s_maml + "name")!.Value));
        var force = items[0].Elements(s_command + "parameter").Last();
        Assert.Null(force.Element(s_command + "parameterValue"));
    }

    [Theory]
    [InlineData("Gets things.\n", "## SYNOPSIS", "synopsis")]
    [InlineData("Gets things\nfrom the store.\n\nSecond paragraph.\n", "## DESCRIPTION", "description")]
    public void RefusesAnEmptySection(string text, string heading, string what)
    {
        var page = GoodPage.Replace(text, string.Empty, StringComparison.Ordinal);

        var error = Refused(page);

        Assert.Equal(LineOf(page, heading), error.Line);
        Assert.Contains(what, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesAPageWithoutExamples()
    {
        var page = GoodPage.Replace("### Example 1: All things\n\n```powershell\n# A comment, not a heading\nGet-Thing\n```\n\nWrites every thing.\n", string.Empty, StringComparison.Ordinal);

        Assert.Contains("no example", Refused(page).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesAnExampleWithoutCode()
    {
        var page = GoodPage.Replace("```powershell\n# A comment, not a heading\nGet-Thing\n```\n", string.Empty, StringComparison.Ordinal);

        var error = Refused(page);

        Assert.Equal(LineOf(page, "### Example 1"), error.Line);
    }

    [Fact]
    public void RefusesAParameterWithoutTextAndNamesItsHeading()
    {
        var page = GoodPage.Replace("Forces it.\n", string.Empty, StringComparison.Ordinal);

        var error = Refused(page);

        Assert.Equal(LineOf(page, "### -Force"), error.Line);
        Assert.Contains("-Force has no text", error.Problem, StringComparison.Ordinal);
        Assert.StartsWith("Get-Thing.md(", error.ToMSBuildError(), StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesAYamlBlockThatLacksAKey()
    {
        var page = GoodPage.Replace("Aliases: f\n", string.Empty, StringComparison.Ordinal);

        Assert.Contains("'Aliases:'", Refused(page).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesASyntaxLineThatNamesAnUndocumentedParameter()
    {
        var page = GoodPage.Replace("Get-Thing -Id <String> [-Force]", "Get-Thing -Id <String> [-Force] [-Extra]", StringComparison.Ordinal);

        var error = Refused(page);

        Assert.Equal(LineOf(page, "### Id"), error.Line);
        Assert.Contains("-Extra", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesAParameterMissingFromTheSyntaxOfItsSet()
    {
        var page = GoodPage.Replace("Get-Thing -Id <String> [-Force]", "Get-Thing -Id <String>", StringComparison.Ordinal);

        var error = Refused(page);

        Assert.Equal(LineOf(page, "### -Force"), error.Line);
    }

    [Fact]
    public void RefusesALeftOverPlaceholder()
    {
        var page = GoodPage.Replace("Forces it.", "{{ Fill Force Description }}", StringComparison.Ordinal);

        Assert.Equal(LineOf(page, "{{ Fill"), Refused(page).Line);
    }
}
