using System.Globalization;
using OpenStackImageManager.Engine.Definitions;
using OpenStackImageManager.Engine.Yaml;
using OpenStackImageManager.Models;

namespace OpenStackImageManager.Engine.Updates.Editing;

/// <summary>The edited text of a definition file and what changed.</summary>
internal sealed record DefinitionTextChange(string Text, string? OldVersion, IReadOnlyList<string> RemovedVersions);

/// <summary>
/// Writes a new build into a definition file by editing its text where the loader's positions say
/// the values are, never by serialising the tree again: comments, key order, quoting, indentation
/// and blank lines of everything else stay byte for byte. ReplaceNewest rewrites the values of the
/// newest version entry in place (the Python updater's rule); Append copies the newest entry's text
/// with the new values after the last entry and drops the oldest entries beyond the kept number.
/// </summary>
internal static class DefinitionTextEditor
{
    /// <summary>Keys a new build sets, in the order a missing one is added.</summary>
    private static readonly string[] s_buildKeys = ["version", "url", "mirror_url", "checksum", "build_date"];

    /// <summary>Keys that belong to one build and are not carried over: a fixed image id names exactly one image.</summary>
    private static readonly string[] s_perBuildKeys = ["id"];

    public static DefinitionTextChange Edit(string text, string definitionName, NewVersionValues values, CatalogUpdatePolicy policy, int keep)
    {
        if (policy == CatalogUpdatePolicy.Auto)
        {
            throw new ArgumentException("Resolve Auto to ReplaceNewest or Append first.", nameof(policy));
        }

        var versions = FindVersions(text, definitionName);
        var items = versions.Items.Cast<YamlMapping>().ToArray();
        var newest = items.OrderBy(VersionOf, NaturalVersionComparer.Instance).Last();
        var oldVersion = VersionOf(newest);
        var edits = new List<TextEdit>();
        var removed = new List<string>();

        if (policy == CatalogUpdatePolicy.ReplaceNewest)
        {
            edits.AddRange(EntryEdits(text, newest, values, 0));
        }
        else
        {
            if (items.Any(i => VersionOf(i) == values.Version))
            {
                throw new CatalogEditException($"'{definitionName}' already lists version {values.Version}; append writes a version once.");
            }

            var itemStart = LineStart(text, newest.StartIndex);
            var itemEnd = LineEnd(text, newest.EndIndex);
            var copy = text[itemStart..itemEnd];
            var copied = TextEdit.Apply(copy, EntryEdits(text, newest, values, itemStart).Select(e => e with { Start = e.Start - itemStart }));
            var insertAt = LineEnd(text, items[^1].EndIndex);
            edits.Add(new TextEdit(insertAt, 0, (insertAt > 0 && text[insertAt - 1] != '\n' ? NewLine(text) : string.Empty) + copied));

            var excess = keep > 0 ? items.Length + 1 - keep : 0;
            foreach (var old in items.OrderBy(VersionOf, NaturalVersionComparer.Instance).Take(Math.Max(0, excess)))
            {
                var start = LineStart(text, old.StartIndex);
                edits.Add(new TextEdit(start, LineEnd(text, old.EndIndex) - start, string.Empty));
                removed.Add(VersionOf(old));
            }
        }

        return new DefinitionTextChange(TextEdit.Apply(text, edits), oldVersion, removed);
    }

    private static YamlSequence FindVersions(string text, string definitionName)
    {
        var root = YamlFileReader.ReadText(text, YamlReadLimits.Default, CancellationToken.None) as YamlMapping;
        var images = root?.Get("images") as YamlSequence
            ?? throw new CatalogEditException("the file has no 'images' list.");
        var image = images.Items.OfType<YamlMapping>().FirstOrDefault(i => i.Get("name") is YamlScalar name && name.Value == definitionName)
            ?? throw new CatalogEditException($"the file has no definition named '{definitionName}'.");
        if (image.Get("versions") is not YamlSequence versions || versions.Items.Count == 0 || versions.Items.Any(i => i is not YamlMapping))
        {
            throw new CatalogEditException($"'{definitionName}' has no version entry to write the new build like; add one by hand first.");
        }

        if (text[versions.StartIndex] == '[')
        {
            throw new CatalogEditException($"'{definitionName}' writes its versions as a flow list ([...]); only block lists are edited.");
        }

        return versions;
    }

    /// <summary>The edits that turn <paramref name="entry"/>'s build values into <paramref name="values"/> (offsets in the whole text).</summary>
    private static IEnumerable<TextEdit> EntryEdits(string text, YamlMapping entry, NewVersionValues values, int copyStart)
    {
        var wanted = new Dictionary<string, (string? Value, ScalarKind Kind, ScalarQuoting NewKeyQuoting)>(StringComparer.Ordinal)
        {
            ["version"] = (values.Version, ScalarKind.String, ScalarQuoting.SingleQuoted),
            ["url"] = (values.Url, ScalarKind.String, ScalarQuoting.Plain),
            ["mirror_url"] = (values.MirrorUrl, ScalarKind.String, ScalarQuoting.Plain),
            ["checksum"] = (values.Checksum, ScalarKind.String, ScalarQuoting.Plain),
            ["build_date"] = (values.BuildDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ScalarKind.Date, ScalarQuoting.Plain),
        };

        var edits = new List<TextEdit>();
        var indent = new string(' ', entry.Column - 1);
        var lastPresent = entry.Entries[0];
        foreach (var key in s_buildKeys)
        {
            var (value, kind, newKeyQuoting) = wanted[key];
            var present = entry.Entries.FirstOrDefault(e => e.Key.Value == key);
            if (present.Key is not null)
            {
                lastPresent = present;
                if (value is null)
                {
                    edits.Add(RemoveEntry(text, present, copyStart));
                }
                else if (present.Value is YamlScalar scalar)
                {
                    edits.Add(new TextEdit(scalar.StartIndex, scalar.EndIndex - scalar.StartIndex, ScalarText.Render(value, scalar.Quoting, kind)));
                }
                else
                {
                    throw new CatalogEditException($"'{key}' at line {present.Key.Line} is not a single value.");
                }
            }
            else if (value is not null)
            {
                var at = LineEnd(text, lastPresent.Value.EndIndex);
                edits.Add(new TextEdit(at, 0, $"{indent}{key}: {ScalarText.Render(value, newKeyQuoting, kind)}{NewLine(text)}"));
            }
        }

        foreach (var entryToDrop in entry.Entries.Where(e => s_perBuildKeys.Contains(e.Key.Value)))
        {
            edits.Add(RemoveEntry(text, entryToDrop, copyStart));
        }

        return edits;
    }

    private static TextEdit RemoveEntry(string text, KeyValuePair<YamlScalar, YamlNode> entry, int copyStart)
    {
        var start = LineStart(text, entry.Key.StartIndex);
        if (text.AsSpan(start, entry.Key.StartIndex - start).Trim(' ').Length > 0 || start < copyStart)
        {
            throw new CatalogEditException($"'{entry.Key.Value}' at line {entry.Key.Line} shares its line with another key; remove it by hand.");
        }

        return new TextEdit(start, LineEnd(text, entry.Value.EndIndex) - start, string.Empty);
    }

    private static string VersionOf(YamlMapping item) => item.Get("version") is YamlScalar scalar ? scalar.Value : string.Empty;

    private static int LineStart(string text, int index) => index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;

    /// <summary>Just past the end of the line <paramref name="index"/> is on (its line break included), or the text's end.</summary>
    private static int LineEnd(string text, int index)
    {
        var at = text.IndexOf('\n', Math.Max(0, index == 0 ? 0 : index - 1));
        return at < 0 ? text.Length : at + 1;
    }

    private static string NewLine(string text) => text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
}
