namespace DevTools.Engine.Catalog;

/// <summary>One layer of a function: its name (a template layer's logical id, or its ARN) and the local folder of its content.</summary>
public sealed record LayerConfiguration(string Name, string Directory);
