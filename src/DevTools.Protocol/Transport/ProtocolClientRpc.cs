using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace DevTools.Protocol.Transport;

/// <summary>
/// A client's JSON-RPC endpoint: reads the <c>data</c> of a <see cref="ProtocolErrorCodes.LambdaServiceError"/>
/// as <see cref="LambdaErrorData"/> (<see cref="RemoteInvocationException.DeserializedErrorData"/>).
/// </summary>
public class ProtocolClientRpc(IJsonRpcMessageHandler handler) : JsonRpc(handler)
{
    protected override Type? GetErrorDetailsDataType(JsonRpcError error) =>
        error.Error?.Code == (JsonRpcErrorCode)ProtocolErrorCodes.LambdaServiceError ? typeof(LambdaErrorData) : base.GetErrorDetailsDataType(error);
}
