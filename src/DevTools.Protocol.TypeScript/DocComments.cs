using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace DevTools.Protocol.TypeScript;

/// <summary>
/// The contract's XML documentation (the compiler's <c>DevTools.Protocol.xml</c> beside the assembly) as TypeScript doc
/// comments: <c>&lt;c&gt;</c> becomes a code span, a <c>cref</c> to a generated type or member a <c>{@link}</c>.
/// </summary>
internal sealed partial class DocComments
{
    private const int LineWidth = 120;

    private readonly Dictionary<string, XElement> summaries;
    private readonly Func<string, string?> linkTarget;

    /// <param name="linkTarget">The TypeScript name a cref (<c>T:DevTools.Protocol.InvokeParams</c>) stands for; null when it is not generated.</param>
    public DocComments(Assembly assembly, Func<string, string?> linkTarget)
    {
        var file = Path.ChangeExtension(assembly.Location, ".xml");
        if (!File.Exists(file))
            throw new FileNotFoundException($"{file} is missing: the contract's project must generate its documentation file (GenerateDocumentationFile).", file);
        summaries = XDocument.Load(file).Descendants("member")
            .Where(m => m.Element("summary") is not null)
            .ToDictionary(m => (string)m.Attribute("name")!, m => m.Element("summary")!);
        this.linkTarget = linkTarget;
    }

    public static string IdOf(Type type) => "T:" + type.FullName;

    public static string IdOf(MemberInfo member) => (member is PropertyInfo ? "P:" : "F:") + member.DeclaringType!.FullName + "." + member.Name;

    /// <summary>The types a summary refers to (<c>&lt;see cref="T:..."/&gt;</c>), as crefs.</summary>
    public IEnumerable<string> TypeReferences(string id) =>
        summaries.TryGetValue(id, out var summary)
            ? summary.Descendants("see").Select(s => (string?)s.Attribute("cref")).OfType<string>().Where(c => c.StartsWith("T:", StringComparison.Ordinal))
            : [];

    /// <summary>The summary as a <c>/** */</c> comment at <paramref name="indent"/>; nothing when there is none.</summary>
    public IEnumerable<string> Comment(string id, string indent)
    {
        if (!summaries.TryGetValue(id, out var summary)) return [];
        var text = Whitespace().Replace(string.Concat(summary.Nodes().Select(Render)), " ").Trim().Replace("*/", "*\\/");
        if (text.Length == 0) return [];
        var single = $"{indent}/** {text} */";
        if (single.Length <= LineWidth) return [single];
        return [$"{indent}/**", .. Wrap(text, LineWidth - indent.Length - 3).Select(line => $"{indent} * {line}"), $"{indent} */"];
    }

    private string Render(XNode node) => node switch
    {
        XText text => text.Value,
        XElement { Name.LocalName: "c" } code => "`" + string.Concat(code.Nodes().Select(Render)) + "`",
        XElement { Name.LocalName: "see" or "seealso" } see when see.Attribute("cref") is { } cref =>
            linkTarget(cref.Value) is { } name ? $"{{@link {name}}}" : "`" + ShortName(cref.Value) + "`",
        XElement { Name.LocalName: "see" } see when see.Attribute("langword") is { } word => "`" + word.Value + "`",
        XElement { Name.LocalName: "paramref" or "typeparamref" } reference => "`" + (string?)reference.Attribute("name") + "`",
        XElement element => string.Concat(element.Nodes().Select(Render)),
        _ => "",
    };

    /// <summary><c>InvokeResponse.LogTail</c> for <c>P:DevTools.Protocol.InvokeResponse.LogTail</c>, <c>EngineInfo</c> for <c>T:DevTools.Protocol.EngineInfo</c>.</summary>
    private static string ShortName(string cref)
    {
        var name = cref.Substring(2).Split('(')[0].Split('.');
        return string.Join('.', name.TakeLast(cref.StartsWith("T:", StringComparison.Ordinal) ? 1 : 2));
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = "";
        foreach (Match word in Word().Matches(text))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line;
                line = "";
            }
            line = line.Length == 0 ? word.Value : line + " " + word.Value;
        }
        if (line.Length > 0) yield return line;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>A word, a <c>{@link ...}</c> kept whole.</summary>
    [GeneratedRegex(@"\{@link [^}]*\}\S*|\S+")]
    private static partial Regex Word();
}
