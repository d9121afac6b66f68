using System.Buffers;
using System.Text.Json;
using DevTools.Engine.Invocation;

namespace DevTools.Server.InvokeApi;

/// <summary>A service error as the Lambda API sends it: status, <c>x-amzn-ErrorType</c>, and <c>{"Type","Message"}</c>.</summary>
internal static class ServiceErrors
{
    public static InvokeApiResponse Response(LambdaServiceException error)
    {
        var body = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("Type", error.StatusCode >= 500 ? "Service" : "User");
            writer.WriteString("Message", error.Message);
            if (error.Reason is not null) writer.WriteString("Reason", error.Reason);
            if (error.StatusCode == 429) writer.WriteString("retryAfterSeconds", "1");
            writer.WriteEndObject();
        }
        return InvokeApiResponse.Json(error.StatusCode, body.WrittenMemory, new KeyValuePair<string, string>("x-amzn-ErrorType", error.ErrorType));
    }
}
