using DevTools.Protocol;
using DevTools.Server.Hosting;

namespace DevTools.Server.Rpc.Environments;

/// <summary><c>lambda/environments/stop</c>: one environment (by id or id prefix), one function's, or all of them.</summary>
internal sealed class StopEnvironmentsHandler(BackendContext context) : IRequestHandler<EnvironmentStopParams, EnvironmentStopResult>
{
    public string Method => ProtocolMethods.EnvironmentsStop;

    public async Task<EnvironmentStopResult> HandleAsync(EnvironmentStopParams parameters, CancellationToken cancellationToken)
    {
        var function = context.FunctionNamed(parameters.FunctionName)?.LogicalId;
        var environmentId = string.IsNullOrEmpty(parameters.EnvironmentId) ? null : parameters.EnvironmentId;
        var stopped = await context.Engine.StopEnvironmentsAsync(function, environmentId).ConfigureAwait(false);
        return new EnvironmentStopResult { Stopped = stopped };
    }
}
