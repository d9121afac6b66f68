namespace DevTools.Engine.Invocation;

/// <summary>Lambda's <c>X-Amz-Invocation-Type</c>.</summary>
public enum InvocationType
{
    /// <summary>Synchronous: wait for the function's answer (200).</summary>
    RequestResponse,
    /// <summary>Asynchronous: queued, retried on error, answered at once (202).</summary>
    Event,
    /// <summary>Validate the request only (204).</summary>
    DryRun,
}

public static class InvocationTypes
{
    /// <summary>The type a caller named (none: <c>RequestResponse</c>), or the Invoke API's validation error.</summary>
    /// <exception cref="LambdaServiceException">Not one of Lambda's invocation types.</exception>
    public static InvocationType Parse(string? value) =>
        TryParse(value, out var type)
            ? type
            : throw LambdaServiceException.InvalidParameter($"1 validation error detected: Value '{value}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");

    public static bool TryParse(string? value, out InvocationType type)
    {
        type = InvocationType.RequestResponse;
        if (string.IsNullOrEmpty(value)) return true;
        return Enum.TryParse(value, ignoreCase: false, out type) && Enum.IsDefined(type);
    }
}
