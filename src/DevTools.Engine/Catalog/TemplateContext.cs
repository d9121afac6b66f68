namespace DevTools.Engine.Catalog;

/// <summary>The parts of a template that intrinsic functions look things up in.</summary>
internal sealed record TemplateContext(
    string File,
    string Directory,
    TemplateParameters Parameters,
    PseudoParameters Pseudo,
    MapValue? Mappings,
    MapValue? Conditions,
    IReadOnlySet<string> ResourceNames);
