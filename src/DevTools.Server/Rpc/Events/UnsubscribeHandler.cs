using DevTools.Protocol;
using DevTools.Server.Hosting;

namespace DevTools.Server.Rpc.Events;

/// <summary><c>lambda/events/unsubscribe</c>.</summary>
internal sealed class UnsubscribeHandler(ClientSession session) : IRequestHandler<NoParams, object?>
{
    public string Method => ProtocolMethods.EventsUnsubscribe;

    public async Task<object?> HandleAsync(NoParams parameters, CancellationToken cancellationToken)
    {
        await session.UnsubscribeAsync().ConfigureAwait(false);
        return null;
    }
}
