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
    public static bool TryParse(string? value, out InvocationType type)
    {
        type = InvocationType.RequestResponse;
        if (string.IsNullOrEmpty(value)) return true;
        return Enum.TryParse(value, ignoreCase: false, out type) && Enum.IsDefined(type);
    }
}
