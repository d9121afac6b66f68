using DevTools.Engine.Http;

namespace DevTools.Engine.RuntimeApi.Extensions;

/// <summary>
/// <c>PUT /2020-08-15/logs</c>, the Logs API the Telemetry API superseded: answered as Lambda's emulator answers it when
/// it does not deliver logs (202 <c>Logs.NotSupported</c>), so an extension that tries it first falls back to telemetry.
/// </summary>
internal static class LogsSubscribeHandler
{
    public static async ValueTask<bool> HandleAsync(HttpRequest request, ExtensionRegistry registry, HttpConnection connection)
    {
        registry.NameOf(request.Header("Lambda-Extension-Identifier"));
        await connection.SendAsync(HttpResponses.Error(202, "Logs.NotSupported", "Logs API is not supported")).ConfigureAwait(false);
        return true;
    }
}
