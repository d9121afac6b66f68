using System.Text.Json;
using DevTools.Engine.Http;

namespace DevTools.Engine.RuntimeApi.Extensions;

/// <summary><c>POST /2020-01-01/extension/register</c>: <c>Lambda-Extension-Name</c>, the events it wants; its identifier back.</summary>
internal static class RegisterHandler
{
    public static async ValueTask<bool> HandleAsync(HttpRequest request, ExtensionRegistry registry, RegistrationInfo info, HttpConnection connection)
    {
        var (id, body) = registry.Register(request.Header("Lambda-Extension-Name"), Events(request.Body),
            request.Header("Lambda-Extension-Accept-Feature")?.Split(',').Any(f => f.Trim() == "accountId") == true, info);
        await connection.SendAsync(new HttpResponseBuilder(200).Header("Lambda-Extension-Identifier", id).Finish("application/json", body)).ConfigureAwait(false);
        return true;
    }

    private static IReadOnlyList<string> Events(byte[] body)
    {
        if (body.Length == 0) return [];
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw Invalid();
            if (document.RootElement.TryGetProperty("configurationKeys", out _)) throw Invalid(); // deprecated: RAPID refuses it
            if (!document.RootElement.TryGetProperty("events", out var events)) return [];
            if (events.ValueKind != JsonValueKind.Array || events.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String)) throw Invalid();
            return events.EnumerateArray().Select(e => e.GetString()!).ToList();
        }
        catch (JsonException) { throw Invalid(); }
    }

    private static RuntimeApiException Invalid() => new(403, "InvalidRequestFormat", "Invalid register request body");
}
