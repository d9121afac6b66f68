using System.Text.Json;
using DevTools.Engine.Http;

namespace DevTools.Engine.RuntimeApi;

/// <summary>Raw HTTP/1.1 responses of the Runtime API; the constant ones are built once.</summary>
internal static class HttpResponses
{
    /// <summary>Up to this size an event leaves in the same write as the <c>/next</c> head.</summary>
    private const int InlinePayloadBytes = 64 * 1024;

    public static readonly byte[] Accepted = Build(202, "application/json", "{\"status\":\"OK\"}"u8);
    public static readonly byte[] NotFound = Build(404, "text/plain; charset=utf-8", "404 page not found\n"u8);
    public static readonly byte[] MethodNotAllowed = Build(405, "text/plain; charset=utf-8", ""u8);

    public static byte[] Error(int status, string errorType, string message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new ErrorBody(message, errorType), ErrorBodyContext.Default.ErrorBody);
        return Build(status, "application/json", body);
    }

    /// <summary>Sends the <c>/next</c> response: Lambda's headers, then the event (in one write when it is small).</summary>
    public static async ValueTask SendNextAsync(HttpConnection connection, RuntimeInvocation invocation)
    {
        var payload = invocation.Payload;
        var response = new HttpResponseBuilder(200, 512 + Math.Min(payload.Length, InlinePayloadBytes))
            .Header("Lambda-Runtime-Aws-Request-Id", invocation.RequestId)
            .Header("Lambda-Runtime-Deadline-Ms", invocation.DeadlineMs)
            .Header("Lambda-Runtime-Invoked-Function-Arn", invocation.InvokedFunctionArn)
            .Header("Lambda-Runtime-Trace-Id", invocation.TraceId);
        if (!string.IsNullOrEmpty(invocation.ClientContext)) response.Header("Lambda-Runtime-Client-Context", invocation.ClientContext);
        if (!string.IsNullOrEmpty(invocation.CognitoIdentity)) response.Header("Lambda-Runtime-Cognito-Identity", invocation.CognitoIdentity);
        if (payload.Length <= InlinePayloadBytes)
        {
            await connection.SendAsync(response.Finish(invocation.ContentType, payload.Span)).ConfigureAwait(false);
            return;
        }
        await connection.SendAsync(response.FinishHead(invocation.ContentType, payload.Length)).ConfigureAwait(false);
        await connection.SendAsync(payload).ConfigureAwait(false);
    }

    private static byte[] Build(int status, string contentType, ReadOnlySpan<byte> body) =>
        new HttpResponseBuilder(status).Finish(contentType, body).ToArray();
}

internal sealed record ErrorBody(
    [property: System.Text.Json.Serialization.JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: System.Text.Json.Serialization.JsonPropertyName("errorType")] string ErrorType);

[System.Text.Json.Serialization.JsonSerializable(typeof(ErrorBody))]
internal sealed partial class ErrorBodyContext : System.Text.Json.Serialization.JsonSerializerContext;
