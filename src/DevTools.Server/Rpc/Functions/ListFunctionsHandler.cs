using DevTools.Protocol;
using DevTools.Server.Hosting;

namespace DevTools.Server.Rpc.Functions;

/// <summary><c>lambda/functions/list</c>.</summary>
internal sealed class ListFunctionsHandler(BackendContext context) : IRequestHandler<NoParams, FunctionListResult>
{
    public string Method => ProtocolMethods.FunctionsList;

    public Task<FunctionListResult> HandleAsync(NoParams parameters, CancellationToken cancellationToken) =>
        Task.FromResult(ProtocolMapper.ToFunctionList(context.Engine.Catalog, context.Engine.Options));
}
