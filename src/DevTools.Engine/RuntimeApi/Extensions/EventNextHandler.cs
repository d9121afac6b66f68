using DevTools.Engine.Http;

namespace DevTools.Engine.RuntimeApi.Extensions;

/// <summary><c>GET /2020-01-01/extension/event/next</c>: park until an <c>INVOKE</c> or <c>SHUTDOWN</c> event for this extension.</summary>
internal static class EventNextHandler
{
    public static async ValueTask<bool> HandleAsync(HttpRequest request, ExtensionRegistry registry, HttpConnection connection)
    {
        var id = request.Header("Lambda-Extension-Identifier");
        var body = await registry.NextAsync(id).ConfigureAwait(false);
        if (body is null) return false; // the environment was reset or stopped: drop this extension's connection
        await connection.SendAsync(new HttpResponseBuilder(200)
            .Header("Lambda-Extension-Identifier", id!)
            .Header("Lambda-Extension-Event-Identifier", Guid.NewGuid().ToString())
            .Finish("application/json", body)).ConfigureAwait(false);
        return true;
    }
}
