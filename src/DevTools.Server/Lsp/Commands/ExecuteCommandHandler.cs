using System.Text.Json;
using DevTools.Protocol;
using DevTools.Protocol.Lsp;
using DevTools.Protocol.Transport;
using DevTools.Server.Hosting;
using DevTools.Server.Rpc;
using DevTools.Server.Rpc.Environments;
using DevTools.Server.Rpc.Invocation;
using StreamJsonRpc;

namespace DevTools.Server.Lsp.Commands;

/// <summary><c>workspace/executeCommand</c>: the commands CodeLenses carry, run through the same paths as <c>lambda/*</c>.</summary>
internal sealed class ExecuteCommandHandler(BackendContext context, ClientSession session) : IRequestHandler<ExecuteCommandParams, object?>
{
    private static readonly JsonSerializerOptions Json = ProtocolJson.CreateSerializerOptions();

    public string Method => LspMethods.ExecuteCommand;

    public async Task<object?> HandleAsync(ExecuteCommandParams parameters, CancellationToken cancellationToken)
    {
        switch (parameters.Command)
        {
            case LspCommands.Invoke:
                return await InvokeService.InvokeAsync(context, session, Argument<InvokeParams>(parameters), cancellationToken).ConfigureAwait(false);
            case LspCommands.ListEnvironments:
                return await new ListEnvironmentsHandler(context).HandleAsync(Argument<EnvironmentListParams>(parameters) ?? new(), cancellationToken).ConfigureAwait(false);
            default:
                throw new InvalidParamsException($"Unknown command '{parameters.Command}'. Commands: {string.Join(", ", LspCommands.All)}.");
        }
    }

    private static T? Argument<T>(ExecuteCommandParams parameters) where T : class
    {
        if (parameters.Arguments is not [var first, ..]) return null;
        try { return first.Deserialize<T>(Json); }
        catch (JsonException e) { throw new InvalidParamsException($"{parameters.Command}: the argument is not a {typeof(T).Name}: {e.Message}"); }
    }
}
