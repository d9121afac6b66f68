using System.Text;
using System.Text.Json;

namespace DevTools.Engine.Invocation;

/// <summary>The checks Lambda makes on an invoke's input before running anything.</summary>
public static class PayloadValidator
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    /// <summary>Returns the payload to deliver (an empty body becomes <c>{}</c>), or throws the service error Lambda gives.</summary>
    public static ReadOnlyMemory<byte> Validate(ReadOnlyMemory<byte> payload, InvocationType type)
    {
        var limit = type == InvocationType.Event ? LambdaLimits.MaxAsyncRequestBytes : LambdaLimits.MaxSyncRequestBytes;
        if (payload.Length > limit) throw LambdaServiceException.TooLarge(limit);
        if (payload.IsEmpty) return EmptyObject;
        try
        {
            var reader = new Utf8JsonReader(payload.Span);
            while (reader.Read()) { }
        }
        catch (JsonException e)
        {
            throw LambdaServiceException.InvalidContent($"Could not parse request body into json: {e.Message}");
        }
        return payload;
    }

    /// <summary>Checks the client context (JSON text, as the runtime receives it) against Lambda's size limit and shape.</summary>
    public static string? ValidateClientContext(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        if (Encoding.UTF8.GetByteCount(json) > LambdaLimits.MaxClientContextBytes)
            throw LambdaServiceException.InvalidParameter($"Client context must be smaller than {LambdaLimits.MaxClientContextBytes} bytes.");
        try { using var _ = JsonDocument.Parse(json); }
        catch (JsonException) { throw InvalidClientContext(); }
        return json;
    }

    /// <summary>The Invoke API's answer to a client context that is not base64 JSON.</summary>
    public static LambdaServiceException InvalidClientContext() =>
        LambdaServiceException.InvalidContent("Client context must be a valid Base64-encoded JSON object.");
}
