namespace IncidentDesk.Api.Playbooks;

/// <summary>
/// YAML's folded scalars (<c>&gt;</c>, <c>&gt;-</c>) join their lines with a space, as English wants. Japanese has no
/// spaces between words or after 。: a sentence broken over two source lines reads 「おそれがあります。 LANケーブル」.
/// This folds again from the source lines, with no space where either side of the break is Japanese (or other
/// CJK) text, and a space elsewhere, as YAML does.
/// </summary>
public static class CjkFolding
{
    /// <param name="raw">The scalar's source text, from its <c>&gt;</c> indicator to its end.</param>
    /// <param name="folded">The value the YAML reader gave it; returned unchanged when the source does not fold
    /// plainly (more-indented lines, comments, escapes), so nothing else is ever changed.</param>
    public static string Refold(string raw, string folded)
    {
        var lines = raw.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length < 2 || !lines[0].TrimStart().StartsWith('>')) return folded;
        var body = lines.Skip(1).ToList();
        while (body.Count > 0 && body[^1].Trim().Length == 0) body.RemoveAt(body.Count - 1);
        if (body.Count == 0) return folded;
        var indent = body.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart(' ').Length);
        var text = body.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart(' ')).ToList();
        if (text.Any(l => l.StartsWith(' ') || l.StartsWith('\t'))) return folded;

        // Fold: consecutive lines join with a space; each empty line between them becomes a line break.
        var plain = new System.Text.StringBuilder();
        var cjk = new System.Text.StringBuilder();
        var pendingBreaks = -1;
        foreach (var line in text)
        {
            if (line.Length == 0)
            {
                if (pendingBreaks >= 0) pendingBreaks++;
                continue;
            }
            if (pendingBreaks > 0)
            {
                plain.Append('\n', pendingBreaks);
                cjk.Append('\n', pendingBreaks);
            }
            else if (pendingBreaks == 0)
            {
                plain.Append(' ');
                if (!(IsCjk(cjk[^1]) || IsCjk(line[0]))) cjk.Append(' ');
            }
            plain.Append(line);
            cjk.Append(line);
            pendingBreaks = 0;
        }
        var clipped = lines[0].TrimEnd().EndsWith('-') ? "" : "\n";
        return plain + clipped == folded ? cjk + clipped : folded;
    }

    /// <summary>Kana, CJK ideographs, CJK punctuation and full-width forms.</summary>
    public static bool IsCjk(char c) =>
        c is >= '\u3000' and <= '\u30FF' or >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uFF00' and <= '\uFFEF';
}
