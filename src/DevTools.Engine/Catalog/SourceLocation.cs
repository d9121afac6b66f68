namespace DevTools.Engine.Catalog;

/// <summary>A position in a template: 1-based line and column, as editors and compilers print them.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}({Line},{Column})";
}
