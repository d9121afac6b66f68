namespace DevTools.Engine.Environments;

/// <summary>How the runtime answered an invoke through the Runtime API.</summary>
internal sealed record RuntimeAnswer(byte[] Body, string? ContentType, string? ErrorType)
{
    public bool IsError => ErrorType is not null;

    public static RuntimeAnswer Error(string errorType, string message) =>
        new(ErrorBodies.Create(errorType, message), "application/json", errorType);
}

internal static class ErrorBodies
{
    /// <summary>The error object a caller receives for a platform-detected failure.</summary>
    public static byte[] Create(string errorType, string message) =>
        System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            new Dictionary<string, string> { ["errorType"] = errorType, ["errorMessage"] = message });
}
