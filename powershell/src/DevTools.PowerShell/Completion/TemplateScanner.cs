using System.Text.RegularExpressions;

namespace DevTools.PowerShell.Completion;

/// <summary>
/// The logical ids of a template's functions, read from its text without a backend (for tab completion): the keys
/// under <c>Resources:</c> whose <c>Type</c> is <c>AWS::Serverless::Function</c> or <c>AWS::Lambda::Function</c>.
/// </summary>
internal static class TemplateScanner
{
    private static readonly Regex ResourcesLine = new(@"^Resources\s*:\s*(#.*)?$", RegexOptions.Compiled);
    private static readonly Regex KeyLine = new(@"^(?<indent>[ ]+)(?<quote>['""]?)(?<key>[A-Za-z0-9]+)\k<quote>\s*:\s*(#.*)?$", RegexOptions.Compiled);
    private static readonly Regex FunctionType = new(@"^\s+Type\s*:\s*['""]?AWS::(Serverless|Lambda)::Function['""]?\s*(#.*)?$", RegexOptions.Compiled);
    private static readonly Regex JsonFunction = new(@"""(?<key>[A-Za-z0-9]+)""\s*:\s*\{\s*""Type""\s*:\s*""AWS::(Serverless|Lambda)::Function""", RegexOptions.Compiled);

    public static IReadOnlyList<string> FunctionIds(string templatePath)
    {
        string[] lines;
        try { lines = File.ReadAllLines(templatePath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }

        if (lines.FirstOrDefault(l => l.Trim().Length > 0)?.TrimStart().StartsWith("{", StringComparison.Ordinal) == true)
            return JsonFunction.Matches(string.Join("\n", lines)).Cast<Match>().Select(m => m.Groups["key"].Value).Distinct().ToList();

        var ids = new List<string>();
        var inResources = false;
        int? resourceIndent = null;
        string? current = null;
        foreach (var line in lines)
        {
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith("#", StringComparison.Ordinal)) continue;
            if (!char.IsWhiteSpace(line[0]))
            {
                inResources = ResourcesLine.IsMatch(line.TrimEnd());
                current = null;
                continue;
            }
            if (!inResources) continue;
            var key = KeyLine.Match(line.TrimEnd());
            if (key.Success && (resourceIndent ??= key.Groups["indent"].Length) == key.Groups["indent"].Length)
            {
                current = key.Groups["key"].Value;
                continue;
            }
            if (current is not null && FunctionType.IsMatch(line.TrimEnd()))
            {
                ids.Add(current);
                current = null;
            }
        }
        return ids;
    }
}
