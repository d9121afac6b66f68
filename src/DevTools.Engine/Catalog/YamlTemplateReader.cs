using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace DevTools.Engine.Catalog;

/// <summary>
/// Reads template text into <see cref="TemplateValue"/>s through YamlDotNet's representation model,
/// whose node marks give exact 1-based positions. CloudFormation's short tags and long-form
/// (<c>Fn::X:</c>) intrinsics both become <see cref="IntrinsicValue"/>, so later stages see one form.
/// </summary>
internal static class YamlTemplateReader
{
    private static readonly Dictionary<string, string> ShortTags = new(StringComparer.Ordinal)
    {
        ["!Ref"] = "Ref",
        ["!Condition"] = "Condition",
        ["!Sub"] = "Fn::Sub",
        ["!GetAtt"] = "Fn::GetAtt",
        ["!If"] = "Fn::If",
        ["!Join"] = "Fn::Join",
        ["!Select"] = "Fn::Select",
        ["!Split"] = "Fn::Split",
        ["!FindInMap"] = "Fn::FindInMap",
        ["!Base64"] = "Fn::Base64",
        ["!Cidr"] = "Fn::Cidr",
        ["!Equals"] = "Fn::Equals",
        ["!And"] = "Fn::And",
        ["!Or"] = "Fn::Or",
        ["!Not"] = "Fn::Not",
        ["!ImportValue"] = "Fn::ImportValue",
        ["!GetAZs"] = "Fn::GetAZs",
        ["!Transform"] = "Fn::Transform",
    };

    /// <summary>
    /// Far deeper than any real template; YamlDotNet builds its node tree recursively, so unbounded
    /// nesting would overflow the stack and take the whole process down, which no catch can prevent.
    /// </summary>
    internal const int MaxDepth = 128;

    /// <summary>The template's root value, or null when the text is not YAML (the error is in <paramref name="diagnostics"/>).</summary>
    public static TemplateValue? Read(string file, string text, DiagnosticList diagnostics)
    {
        if (Scan(text) is { } failure)
        {
            diagnostics.Error(DiagnosticCodes.YamlSyntax, failure.Message, At(file, failure.Where));
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            // What the event scan cannot see: duplicate keys, unknown aliases.
            diagnostics.Error(DiagnosticCodes.YamlSyntax, $"Invalid YAML: {e.Message}", At(file, e.Start));
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            diagnostics.Error(DiagnosticCodes.YamlSyntax, $"Invalid YAML: {e.Message}", new SourceLocation(file, 1, 1));
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            diagnostics.Error(DiagnosticCodes.InvalidTemplateStructure, "The template is empty.", new SourceLocation(file, 1, 1));
            return null;
        }
        return new Converter(file, diagnostics).Convert(stream.Documents[0].RootNode, depth: 0);
    }

    public static SourceLocation At(string file, Mark mark) =>
        new(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    /// <summary>
    /// Walks the parser's events (iteratively) before the recursive model is built: bounds the nesting,
    /// and locates failures, including the non-YAML exceptions YamlDotNet throws on some input (an unclosed '[').
    /// </summary>
    private static (Mark Where, string Message)? Scan(string text)
    {
        var parser = new Parser(new StringReader(text));
        var open = new Stack<(bool IsFlow, Mark Start)>();
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                last = current.End;
                switch (current)
                {
                    case SequenceStart s: open.Push((s.Style == SequenceStyle.Flow, s.Start)); break;
                    case MappingStart m: open.Push((m.Style == MappingStyle.Flow, m.Start)); break;
                    case SequenceEnd or MappingEnd when open.Count > 0: open.Pop(); break;
                }
                if (open.Count > MaxDepth)
                    return (current.Start, $"The template nests deeper than {MaxDepth} levels.");
            }
            return null;
        }
        catch (YamlException e)
        {
            return (e.Start, $"Invalid YAML: {e.Message}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            foreach (var (isFlow, start) in open)
                if (isFlow)
                    return (start, "Invalid YAML: this flow collection ('[' or '{') is not closed.");
            return (last, "Invalid YAML: the parser could not continue after this point.");
        }
    }

    private sealed class Converter(string file, DiagnosticList diagnostics)
    {
        // Aliases make the YAML a graph: convert each node once, which also defuses alias bombs.
        private readonly Dictionary<YamlNode, TemplateValue> converted = new(ReferenceEqualityComparer.Instance);
        private readonly HashSet<YamlNode> inProgress = new(ReferenceEqualityComparer.Instance);

        public TemplateValue Convert(YamlNode node, int depth)
        {
            if (converted.TryGetValue(node, out var done))
                return done;
            var location = At(file, node.Start);
            if (depth > MaxDepth)
            {
                // Only aliases nested in aliases get here: the scan bounded plain nesting.
                diagnostics.Error(DiagnosticCodes.InvalidTemplateStructure, $"Aliases nest the template deeper than {MaxDepth} levels.", location);
                return new ScalarValue("", location, IsNull: true);
            }
            if (!inProgress.Add(node))
            {
                diagnostics.Error(DiagnosticCodes.InvalidTemplateStructure, "A YAML alias refers to a node that contains it.", location);
                return new ScalarValue("", location, IsNull: true);
            }

            TemplateValue value = node switch
            {
                YamlScalarNode scalar => new ScalarValue(scalar.Value ?? "", location, IsNull(scalar)),
                YamlSequenceNode sequence => new ListValue(sequence.Children.Select(c => Convert(c, depth + 1)).ToList(), location),
                YamlMappingNode mapping => ConvertMapping(mapping, location, depth),
                _ => new ScalarValue("", location, IsNull: true),
            };
            value = ApplyTag(node, value, location);

            inProgress.Remove(node);
            converted[node] = value;
            return value;
        }

        private TemplateValue ConvertMapping(YamlMappingNode mapping, SourceLocation location, int depth)
        {
            var entries = new List<MapEntry>(mapping.Children.Count);
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                if (keyNode is not YamlScalarNode { Value: { } key })
                {
                    diagnostics.Error(DiagnosticCodes.InvalidTemplateStructure, "Template keys must be plain strings.", At(file, keyNode.Start));
                    continue;
                }
                entries.Add(new MapEntry(key, At(file, keyNode.Start), Convert(valueNode, depth + 1)));
            }

            // CloudFormation reads any one-key map whose key is Ref or Fn::* as a function call.
            if (entries.Count == 1 && (entries[0].Key == "Ref" || entries[0].Key.StartsWith("Fn::", StringComparison.Ordinal)))
                return new IntrinsicValue(entries[0].Key, entries[0].Value, location);
            return new MapValue(entries, location);
        }

        private TemplateValue ApplyTag(YamlNode node, TemplateValue value, SourceLocation location)
        {
            var tag = node.Tag;
            if (tag.IsEmpty || tag.IsNonSpecific || tag.IsGlobal)
                return value; // untagged, '!' or a standard !!type: CloudFormation reads the text either way
            if (ShortTags.TryGetValue(tag.Value, out var function))
                return new IntrinsicValue(function, value, location);
            diagnostics.Warning(DiagnosticCodes.UnknownTag, $"Unknown tag '{tag.Value}': not a CloudFormation intrinsic function; the value is read as if untagged.", location);
            return value;
        }

        private static bool IsNull(YamlScalarNode scalar) =>
            scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
    }
}
