using DevTools.Engine.Http;

namespace DevTools.Engine.RuntimeApi;

/// <summary><c>GET /runtime/invocation/next</c>: park until an event arrives, then serve it with Lambda's headers.</summary>
internal static class NextHandler
{
    public static async ValueTask<bool> HandleAsync(RuntimeSession session, HttpConnection connection)
    {
        var invocation = await session.NextAsync().ConfigureAwait(false);
        if (invocation is null) return false; // the environment was reset or stopped: drop this runtime's connection
        invocation.Timestamps.Delivered = System.Diagnostics.Stopwatch.GetTimestamp();
        await HttpResponses.SendNextAsync(connection, invocation).ConfigureAwait(false);
        return true;
    }
}
