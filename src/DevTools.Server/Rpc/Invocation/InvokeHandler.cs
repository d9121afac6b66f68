using DevTools.Protocol;
using DevTools.Server.Hosting;
using StreamJsonRpc;

namespace DevTools.Server.Rpc.Invocation;

/// <summary><c>lambda/invoke</c>.</summary>
internal sealed class InvokeHandler(BackendContext context, ClientSession session)
{
    [JsonRpcMethod(ProtocolMethods.Invoke, UseSingleObjectParameterDeserialization = true)]
    public Task<InvokeResponse> InvokeAsync(InvokeParams parameters, CancellationToken cancellationToken) =>
        InvokeService.InvokeAsync(context, session, parameters, cancellationToken);
}
