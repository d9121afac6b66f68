namespace DevTools.Engine.Runtimes;

/// <summary>The runtime could not be started at all (no bootstrap, no interpreter): a Lambda platform error.</summary>
public sealed class LaunchException(string errorType, string message) : Exception(message)
{
    /// <summary>e.g. <c>Runtime.InvalidEntrypoint</c>.</summary>
    public string ErrorType { get; } = errorType;
}
