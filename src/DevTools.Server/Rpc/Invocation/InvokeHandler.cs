using DevTools.Protocol;
using DevTools.Server.Hosting;

namespace DevTools.Server.Rpc.Invocation;

/// <summary><c>lambda/invoke</c>.</summary>
internal sealed class InvokeHandler(BackendContext context, ClientSession session) : IRequestHandler<InvokeParams, InvokeResponse>
{
    public string Method => ProtocolMethods.Invoke;

    public Task<InvokeResponse> HandleAsync(InvokeParams parameters, CancellationToken cancellationToken) =>
        InvokeService.InvokeAsync(context, session, parameters, cancellationToken);
}
