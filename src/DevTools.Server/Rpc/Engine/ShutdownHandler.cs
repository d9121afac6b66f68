using DevTools.Protocol;
using DevTools.Server.Hosting;

namespace DevTools.Server.Rpc.Engine;

/// <summary><c>lambda/shutdown</c>: answers, then stops the backend (environments retire, every client is disconnected).</summary>
internal sealed class ShutdownHandler(BackendContext context) : IRequestHandler<NoParams, object?>
{
    public string Method => ProtocolMethods.Shutdown;

    public Task<object?> HandleAsync(NoParams parameters, CancellationToken cancellationToken)
    {
        context.Control.RequestShutdown("a client asked for it (lambda/shutdown)");
        return Task.FromResult<object?>(null);
    }
}
