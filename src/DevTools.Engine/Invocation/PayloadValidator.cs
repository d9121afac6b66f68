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

    /// <summary>Decodes <c>X-Amz-Client-Context</c> (base64 JSON) into the string the runtime receives.</summary>
    public static string? DecodeClientContext(string? base64)
    {
        if (string.IsNullOrEmpty(base64)) return null;
        byte[] bytes;
        try { bytes = Convert.FromBase64String(base64); }
        catch (FormatException) { throw LambdaServiceException.InvalidContent("Client context must be a valid Base64-encoded JSON object."); }
        if (bytes.Length > LambdaLimits.MaxClientContextBytes)
            throw LambdaServiceException.InvalidParameter($"Client context must be smaller than {LambdaLimits.MaxClientContextBytes} bytes.");
        try { using var _ = JsonDocument.Parse(bytes); }
        catch (JsonException) { throw LambdaServiceException.InvalidContent("Client context must be a valid Base64-encoded JSON object."); }
        return Encoding.UTF8.GetString(bytes);
    }
}
