using DevTools.Engine.Invocation;
using DevTools.Protocol;
using DevTools.Server.Hosting;
using StreamJsonRpc;

namespace DevTools.Server.Rpc.Environments;

/// <summary><c>lambda/environments/list</c> and <c>lambda/environments/stop</c>.</summary>
internal sealed class EnvironmentsHandler(BackendContext context)
{
    // Optional params are bound by name (EnvironmentListParams' properties), so no params at all works too.
    [JsonRpcMethod(ProtocolMethods.EnvironmentsList)]
    public EnvironmentListResult List(string? functionName = null) => ListEnvironments(context, functionName);

    /// <summary>Stops one environment (by id or id prefix), one function's, or all of them.</summary>
    [JsonRpcMethod(ProtocolMethods.EnvironmentsStop)]
    public async Task<EnvironmentStopResult> StopAsync(string? functionName = null, string? environmentId = null)
    {
        var function = functionName is { Length: > 0 } name ? Resolve(context, name) : null;
        environmentId = string.IsNullOrEmpty(environmentId) ? null : environmentId;
        var stopped = await context.Engine.StopEnvironmentsAsync(function, environmentId).ConfigureAwait(false);
        return new EnvironmentStopResult { Stopped = stopped };
    }

    /// <summary>Shared with the <c>lambda.environments.list</c> LSP command.</summary>
    internal static EnvironmentListResult ListEnvironments(BackendContext context, string? functionName)
    {
        var logicalId = string.IsNullOrEmpty(functionName) ? null : Resolve(context, functionName!);
        return new EnvironmentListResult
        {
            Environments = context.Engine.ListEnvironments()
                .Where(e => logicalId is null || e.LogicalId == logicalId)
                .Select(ProtocolMapper.ToDescription)
                .ToList(),
        };
    }

    /// <summary>A function's logical id from any name callers use, or Lambda's 404.</summary>
    private static string Resolve(BackendContext context, string name) =>
        FunctionResolver.Resolve(context.Engine.Catalog, name, null, context.Engine.Options).LogicalId;
}
