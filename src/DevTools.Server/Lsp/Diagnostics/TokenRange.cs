using DevTools.Protocol.Lsp;
using Range = DevTools.Protocol.Lsp.Range;

namespace DevTools.Server.Lsp.Diagnostics;

/// <summary>
/// Turns a 1-based line and column (where the catalogue reports a finding) into the 0-based LSP range
/// of the YAML token that starts there: a quoted string to its closing quote, a key up to its colon,
/// a plain value up to a comment, a flow separator or the end of the line.
/// </summary>
internal static class TokenRange
{
    public static string[] SplitLines(string text) => text.Replace("\r\n", "\n").Split('\n');

    public static Range At(string[] lines, int line, int column)
    {
        var lineIndex = Math.Max(0, line - 1);
        var start = Math.Max(0, column - 1);
        if (lineIndex >= lines.Length) return new Range(new Position(lineIndex, start), new Position(lineIndex, start));
        var text = lines[lineIndex];
        if (start >= text.Length) return new Range(new Position(lineIndex, start), new Position(lineIndex, start));
        return new Range(new Position(lineIndex, start), new Position(lineIndex, TokenEnd(text, start)));
    }

    private static int TokenEnd(string text, int start)
    {
        var first = text[start];
        if (first is '"' or '\'')
        {
            for (var i = start + 1; i < text.Length; i++)
            {
                if (text[i] == '\\' && first == '"') { i++; continue; }
                if (text[i] == first) return i + 1;
            }
            return text.Length;
        }
        var inFlow = first is '[' or '{';
        var end = text.Length;
        for (var i = start + 1; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : ' ';
            if (c == '#' && char.IsWhiteSpace(text[i - 1])) { end = i; break; }
            if (c == ':' && char.IsWhiteSpace(next)) { end = i; break; }
            if (!inFlow && c is ',' or ']' or '}') { end = i; break; }
        }
        while (end > start + 1 && char.IsWhiteSpace(text[end - 1])) end--;
        return end;
    }
}
