using System.Buffers;
using System.Text;
using System.Text.Json;

namespace DevTools.Engine.RuntimeApi;

/// <summary>Raw HTTP/1.1 responses of the Runtime API; the constant ones are built once.</summary>
internal static class HttpResponses
{
    public static readonly byte[] Accepted = Build(202, "Accepted", "application/json", "{\"status\":\"OK\"}"u8);
    public static readonly byte[] NotFound = Build(404, "Not Found", "text/plain; charset=utf-8", "404 page not found\n"u8);
    public static readonly byte[] MethodNotAllowed = Build(405, "Method Not Allowed", "text/plain; charset=utf-8", ""u8);
    public static readonly byte[] InternalError = Error(500, "InternalServerError", "Internal Server Error");

    public static byte[] Error(int status, string errorType, string message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new ErrorBody(message, errorType), ErrorBodyContext.Default.ErrorBody);
        return Build(status, Reason(status), "application/json", body);
    }

    /// <summary>Writes the <c>/next</c> response head; the payload follows it as the body.</summary>
    public static int WriteNextHead(IBufferWriter<byte> writer, RuntimeInvocation invocation)
    {
        var sb = new StringBuilder(512);
        sb.Append("HTTP/1.1 200 OK\r\n")
          .Append("Content-Type: ").Append(invocation.ContentType).Append("\r\n")
          .Append("Lambda-Runtime-Aws-Request-Id: ").Append(invocation.RequestId).Append("\r\n")
          .Append("Lambda-Runtime-Deadline-Ms: ").Append(invocation.DeadlineMs).Append("\r\n")
          .Append("Lambda-Runtime-Invoked-Function-Arn: ").Append(invocation.InvokedFunctionArn).Append("\r\n")
          .Append("Lambda-Runtime-Trace-Id: ").Append(invocation.TraceId).Append("\r\n");
        if (!string.IsNullOrEmpty(invocation.ClientContext))
            sb.Append("Lambda-Runtime-Client-Context: ").Append(invocation.ClientContext).Append("\r\n");
        if (!string.IsNullOrEmpty(invocation.CognitoIdentity))
            sb.Append("Lambda-Runtime-Cognito-Identity: ").Append(invocation.CognitoIdentity).Append("\r\n");
        sb.Append("Content-Length: ").Append(invocation.Payload.Length).Append("\r\n\r\n");
        return (int)Encoding.UTF8.GetBytes(sb.ToString().AsSpan(), writer);
    }

    private static byte[] Build(int status, string reason, string contentType, ReadOnlySpan<byte> body)
    {
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\n\r\n");
        return [.. head, .. body];
    }

    private static string Reason(int status) => status switch
    {
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        410 => "Gone",
        413 => "Request Entity Too Large",
        500 => "Internal Server Error",
        _ => "Error",
    };
}

internal sealed record ErrorBody(
    [property: System.Text.Json.Serialization.JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: System.Text.Json.Serialization.JsonPropertyName("errorType")] string ErrorType);

[System.Text.Json.Serialization.JsonSerializable(typeof(ErrorBody))]
internal sealed partial class ErrorBodyContext : System.Text.Json.Serialization.JsonSerializerContext;
