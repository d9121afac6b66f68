using DevTools.Protocol;
using DevTools.Server.Hosting;

namespace DevTools.Server.Rpc.Functions;

/// <summary><c>lambda/functions/reload</c>: reads the template again; changed functions get fresh environments, unchanged ones stay warm.</summary>
internal sealed class ReloadFunctionsHandler(BackendContext context) : IRequestHandler<NoParams, FunctionListResult>
{
    public string Method => ProtocolMethods.FunctionsReload;

    public async Task<FunctionListResult> HandleAsync(NoParams parameters, CancellationToken cancellationToken)
    {
        var catalog = await context.Engine.ReloadAsync().ConfigureAwait(false);
        return ProtocolMapper.ToFunctionList(catalog, context.Engine.Options);
    }
}
