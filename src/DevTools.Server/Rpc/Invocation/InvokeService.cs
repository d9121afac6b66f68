using DevTools.Protocol;
using DevTools.Server.Hosting;

namespace DevTools.Server.Rpc.Invocation;

/// <summary>The invoke path every JSON-RPC front door shares (<c>lambda/invoke</c> and the <c>lambda.invoke</c> LSP command).</summary>
internal static class InvokeService
{
    /// <summary>
    /// Runs the invoke. Cancelling stops the caller's wait only: the engine lets the invoke finish, as Lambda does.
    /// Before answering, the invoke's events are flushed to the caller, so its records arrive before its result.
    /// </summary>
    public static async Task<InvokeResponse> InvokeAsync(BackendContext context, ClientSession session, InvokeParams? parameters, CancellationToken cancellationToken)
    {
        if (parameters is null || string.IsNullOrEmpty(parameters.FunctionName))
            throw new InvalidParamsException("lambda/invoke needs params with a functionName.");
        var result = await context.Engine.InvokeAsync(ProtocolMapper.ToRequest(parameters), cancellationToken).ConfigureAwait(false);
        await session.FlushEventsAsync().ConfigureAwait(false);
        return ProtocolMapper.ToResponse(result);
    }
}
