namespace DevTools.Engine.Catalog;

/// <summary>
/// A node of the template after YAML reading: tags and long-form intrinsics are recognised,
/// and every node keeps the position it was written at, so any finding can point at it.
/// </summary>
internal abstract record TemplateValue(SourceLocation Location);

/// <summary>A scalar as written; YAML types are irrelevant to CloudFormation, which reads text.</summary>
internal sealed record ScalarValue(string Text, SourceLocation Location, bool IsNull = false) : TemplateValue(Location);

internal sealed record ListValue(IReadOnlyList<TemplateValue> Items, SourceLocation Location) : TemplateValue(Location);

internal sealed record MapEntry(string Key, SourceLocation KeyLocation, TemplateValue Value);

internal sealed record MapValue(IReadOnlyList<MapEntry> Entries, SourceLocation Location) : TemplateValue(Location)
{
    /// <summary>CloudFormation keys are case-sensitive.</summary>
    public MapEntry? Find(string key)
    {
        foreach (var entry in Entries)
            if (entry.Key == key)
                return entry;
        return null;
    }

    public TemplateValue? this[string key] => Find(key)?.Value;
}

/// <summary>An intrinsic function call, short (<c>!Sub</c>) or long (<c>Fn::Sub:</c>) form alike.</summary>
/// <param name="Function">The long name: <c>Ref</c>, <c>Condition</c> or <c>Fn::Name</c>.</param>
internal sealed record IntrinsicValue(string Function, TemplateValue Argument, SourceLocation Location) : TemplateValue(Location)
{
    public string ShortName => Function.StartsWith("Fn::", StringComparison.Ordinal) ? Function[4..] : Function;
}

/// <summary>A value only a deployed stack has (an attribute, an import...), kept as readable text.</summary>
internal sealed record UnresolvedValue(string Placeholder, SourceLocation Location) : TemplateValue(Location);
