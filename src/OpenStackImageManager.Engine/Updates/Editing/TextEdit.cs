namespace OpenStackImageManager.Engine.Updates.Editing;

/// <summary>Replace <see cref="Length"/> characters at <see cref="Start"/> with <see cref="Text"/> (an insert when the length is 0).</summary>
internal sealed record TextEdit(int Start, int Length, string Text)
{
    /// <summary>Applies edits made against the same original text; they must not overlap.</summary>
    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        // Inserts at one position keep their given order: the later one is applied first, so it ends up behind.
        var ordered = edits.Select((e, i) => (Edit: e, Index: i))
            .OrderByDescending(p => p.Edit.Start).ThenByDescending(p => p.Edit.Length).ThenByDescending(p => p.Index)
            .Select(p => p.Edit).ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Start + ordered[i].Length > ordered[i - 1].Start && ordered[i - 1].Length > 0)
            {
                throw new InvalidOperationException($"Overlapping edits at {ordered[i].Start} and {ordered[i - 1].Start}.");
            }
        }

        var builder = new System.Text.StringBuilder(text);
        foreach (var edit in ordered)
        {
            builder.Remove(edit.Start, edit.Length).Insert(edit.Start, edit.Text);
        }

        return builder.ToString();
    }
}
