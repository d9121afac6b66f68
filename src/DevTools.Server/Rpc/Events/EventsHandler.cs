using DevTools.Engine.Invocation;
using DevTools.Protocol;
using DevTools.Server.Hosting;
using StreamJsonRpc;

namespace DevTools.Server.Rpc.Events;

/// <summary><c>lambda/events/subscribe</c> and <c>lambda/events/unsubscribe</c> (one subscription per connection).</summary>
internal sealed class EventsHandler(BackendContext context, ClientSession session)
{
    [JsonRpcMethod(ProtocolMethods.EventsSubscribe, UseSingleObjectParameterDeserialization = true)]
    public void Subscribe(SubscribeParams? parameters = null)
    {
        // Events carry the function's name; callers may use any name the Invoke API accepts.
        var functionName = parameters?.FunctionName is { Length: > 0 } name
            ? FunctionResolver.Resolve(context.Engine.Catalog, name, null, context.Engine.Options).FunctionName
            : null;
        session.Subscribe(functionName);
    }

    [JsonRpcMethod(ProtocolMethods.EventsUnsubscribe)]
    public Task UnsubscribeAsync() => session.UnsubscribeAsync();
}
