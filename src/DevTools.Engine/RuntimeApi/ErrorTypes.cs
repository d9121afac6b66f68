using System.Text.Json;
using DevTools.Engine.Http;

namespace DevTools.Engine.RuntimeApi;

/// <summary>The error type of a runtime's error post: the header when sent, else the body's <c>errorType</c>.</summary>
internal static class ErrorTypes
{
    public const string Unknown = "Runtime.Unknown";

    public static string FromRequest(HttpRequest request)
    {
        if (request.Header("Lambda-Runtime-Function-Error-Type") is { } header && !string.IsNullOrWhiteSpace(header)) return header;
        return FromBody(request.Body) ?? Unknown;
    }

    /// <summary>Reads <c>errorType</c> from a Lambda error body, tolerating anything a runtime may post.</summary>
    public static string? FromBody(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) return null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("errorType"u8);
                if (!reader.Read()) return null;
                if (isType && reader.TokenType == JsonTokenType.String) return reader.GetString();
                reader.Skip();
            }
        }
        catch (JsonException) { }
        return null;
    }
}
