using DevTools.Protocol;
using DevTools.Server.Hosting;
using StreamJsonRpc;

namespace DevTools.Server.Rpc.Functions;

/// <summary><c>lambda/functions/list</c> and <c>lambda/functions/reload</c>.</summary>
internal sealed class FunctionsHandler(BackendContext context)
{
    [JsonRpcMethod(ProtocolMethods.FunctionsList)]
    public FunctionListResult List() => ProtocolMapper.ToFunctionList(context.Engine.Catalog, context.Engine.Options);

    /// <summary>Reads the template again: changed functions get fresh environments, unchanged ones stay warm.</summary>
    [JsonRpcMethod(ProtocolMethods.FunctionsReload)]
    public async Task<FunctionListResult> ReloadAsync()
    {
        var catalog = await context.Engine.ReloadAsync().ConfigureAwait(false);
        return ProtocolMapper.ToFunctionList(catalog, context.Engine.Options);
    }
}
