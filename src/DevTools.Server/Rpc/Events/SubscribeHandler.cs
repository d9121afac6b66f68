using DevTools.Protocol;
using DevTools.Server.Hosting;

namespace DevTools.Server.Rpc.Events;

/// <summary><c>lambda/events/subscribe</c>: one subscription per connection; subscribing again replaces the filter.</summary>
internal sealed class SubscribeHandler(BackendContext context, ClientSession session) : IRequestHandler<SubscribeParams, object?>
{
    public string Method => ProtocolMethods.EventsSubscribe;

    public Task<object?> HandleAsync(SubscribeParams parameters, CancellationToken cancellationToken)
    {
        // Events carry the function's name; callers may use any name the Invoke API accepts.
        session.Subscribe(context.FunctionNamed(parameters.FunctionName)?.FunctionName);
        return Task.FromResult<object?>(null);
    }
}
