using System.Text.Json;
using Microsoft.AspNetCore.Http;
using DevTools.Engine.Invocation;

namespace DevTools.Server.InvokeApi;

/// <summary>Writes a service error as the Lambda API does: status, <c>x-amzn-ErrorType</c>, and <c>{"Type","Message"}</c>.</summary>
internal static class ServiceErrors
{
    public static async Task WriteAsync(HttpContext context, LambdaServiceException error)
    {
        var response = context.Response;
        if (response.HasStarted) return;
        response.StatusCode = error.StatusCode;
        response.Headers["x-amzn-ErrorType"] = error.ErrorType;
        response.ContentType = "application/json";
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("Type", error.StatusCode >= 500 ? "Service" : "User");
            writer.WriteString("Message", error.Message);
            if (error.Reason is not null) writer.WriteString("Reason", error.Reason);
            if (error.StatusCode == 429) writer.WriteString("retryAfterSeconds", "1");
            writer.WriteEndObject();
        }
        response.ContentLength = stream.Length;
        await response.Body.WriteAsync(stream.GetBuffer().AsMemory(0, (int)stream.Length)).ConfigureAwait(false);
    }
}
