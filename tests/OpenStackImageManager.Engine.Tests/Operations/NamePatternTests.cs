using OpenStackImageManager.Engine.Operations;

namespace OpenStackImageManager.Engine.Tests.Operations;

/// <summary>The one wildcard dialect (PowerShell's WildcardPattern, case-insensitive) for image and definition names.</summary>
public class NamePatternTests
{
    [Theory]
    [InlineData("Ubuntu*", "ubuntu 24.04", true)]
    [InlineData("*", "", true)]
    [InlineData("*", "anything", true)]
    [InlineData("?", "", false)]
    [InlineData("Ubuntu 2?.04", "Ubuntu 24.04", true)]
    [InlineData("Ubuntu 2?.04", "Ubuntu 2.04", false)]
    [InlineData("*24.04*", "Ubuntu 24.04 Minimal", true)]
    [InlineData("U*u*4", "Ubuntu 24.04", true)]
    [InlineData("U*u*5", "Ubuntu 24.04", false)]
    [InlineData("Debian [12]*", "Debian 12", true)]
    [InlineData("Debian [12]*", "Debian 3", false)]
    [InlineData("Debian [0-9][0-9]", "Debian 12", true)]
    [InlineData("[a-c]lma", "Alma", true)]
    [InlineData("[A-C]lma", "alma", true)]
    [InlineData("[!a]", "!", true)]            // no negation in PowerShell's sets
    [InlineData("[!a]", "b", false)]
    [InlineData("[^a]", "b", false)]
    [InlineData("a.b", "axb", false)]           // no regular expressions
    [InlineData("a+b", "a+b", true)]
    [InlineData("a`*", "a*", true)]             // a backtick escapes
    [InlineData("a`*", "ab", false)]
    [InlineData("a`[1]", "a[1]", true)]
    [InlineData("[`]]", "]", true)]
    [InlineData("x]", "x]", true)]
    [InlineData("ÄRGER*", "ärger 1", true)]
    public void Wildcards_match_like_PowerShell(string pattern, string name, bool matches) =>
        Assert.Equal(matches, new NamePattern(pattern).IsMatch(name));

    [Theory]
    [InlineData("a[b")]
    [InlineData("a[]")]
    public void A_bracket_without_a_set_is_an_error_as_in_PowerShell(string pattern)
    {
        var error = Assert.Throws<ArgumentException>(() => new NamePattern(pattern));

        Assert.Contains($"'{pattern}' is not valid", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ubuntu 24.04", false)]
    [InlineData("Ubuntu*", true)]
    [InlineData("Ubuntu?", true)]
    [InlineData("Ubuntu [12]", true)]
    [InlineData("x]", true)]
    [InlineData("a`*", false)]
    public void Wildcard_characters_are_found_unless_escaped(string pattern, bool has) =>
        Assert.Equal(has, NamePattern.HasWildcards(pattern));

    [Fact]
    public void A_long_name_against_many_stars_stays_fast()
    {
        var name = new string('a', 10_000);

        Assert.False(new NamePattern("*a*a*a*a*a*a*a*a*b").IsMatch(name));
    }
}
