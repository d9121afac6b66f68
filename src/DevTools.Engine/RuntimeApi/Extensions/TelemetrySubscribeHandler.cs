using DevTools.Engine.Http;

namespace DevTools.Engine.RuntimeApi.Extensions;

/// <summary><c>PUT /2022-07-01/telemetry</c>: an extension subscribes to the environment's records (during init only).</summary>
internal static class TelemetrySubscribeHandler
{
    private static readonly byte[] Ok = new HttpResponseBuilder(200).Finish("application/json", "\"OK\""u8).ToArray();

    public static async ValueTask<bool> HandleAsync(HttpRequest request, ExtensionRegistry registry, TelemetryDelivery delivery, HttpConnection connection)
    {
        var name = registry.NameOf(request.Header("Lambda-Extension-Identifier"));
        if (registry.RegistrationClosed) throw new RuntimeApiException(403, "Telemetry.SubscriptionClosed", "Telemetry API subscription is closed");
        delivery.Add(TelemetrySubscription.Parse(name, request.Body));
        await connection.SendAsync(Ok).ConfigureAwait(false);
        return true;
    }
}
