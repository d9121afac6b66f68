using DevTools.Protocol;
using DevTools.Server.Hosting;

namespace DevTools.Server.Rpc.Environments;

/// <summary><c>lambda/environments/list</c> (and the <c>lambda.environments.list</c> LSP command).</summary>
internal sealed class ListEnvironmentsHandler(BackendContext context) : IRequestHandler<EnvironmentListParams, EnvironmentListResult>
{
    public string Method => ProtocolMethods.EnvironmentsList;

    public Task<EnvironmentListResult> HandleAsync(EnvironmentListParams parameters, CancellationToken cancellationToken)
    {
        var logicalId = context.FunctionNamed(parameters.FunctionName)?.LogicalId;
        return Task.FromResult(new EnvironmentListResult
        {
            Environments = context.Engine.ListEnvironments()
                .Where(e => logicalId is null || e.LogicalId == logicalId)
                .Select(ProtocolMapper.ToDescription)
                .ToList(),
        });
    }
}
