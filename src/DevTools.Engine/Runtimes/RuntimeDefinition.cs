namespace DevTools.Engine.Runtimes;

/// <summary>A Lambda runtime identifier and how this engine runs it.</summary>
public sealed record RuntimeDefinition(string Name, RuntimeFamily Family, bool Deprecated = false)
{
    /// <summary>The value of AWS_EXECUTION_ENV; OS-only runtimes have none.</summary>
    public string? ExecutionEnv => Family == RuntimeFamily.Provided ? null : "AWS_Lambda_" + Name;

    public bool CanRunLocally => Family != RuntimeFamily.Unsupported;
}
