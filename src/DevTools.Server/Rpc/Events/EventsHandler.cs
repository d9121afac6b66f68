using DevTools.Engine.Invocation;
using DevTools.Protocol;
using DevTools.Server.Hosting;
using StreamJsonRpc;

namespace DevTools.Server.Rpc.Events;

/// <summary><c>lambda/events/subscribe</c> and <c>lambda/events/unsubscribe</c> (one subscription per connection).</summary>
internal sealed class EventsHandler(BackendContext context, ClientSession session)
{
    // Bound by name (SubscribeParams' properties), so no params at all subscribes to everything.
    [JsonRpcMethod(ProtocolMethods.EventsSubscribe)]
    public void Subscribe(string? functionName = null)
    {
        // Events carry the function's name; callers may use any name the Invoke API accepts.
        functionName = functionName is { Length: > 0 } name
            ? FunctionResolver.Resolve(context.Engine.Catalog, name, null, context.Engine.Options).FunctionName
            : null;
        session.Subscribe(functionName);
    }

    [JsonRpcMethod(ProtocolMethods.EventsUnsubscribe)]
    public Task UnsubscribeAsync() => session.UnsubscribeAsync();
}
