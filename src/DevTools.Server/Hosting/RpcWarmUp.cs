using DevTools.Protocol;
using DevTools.Protocol.Transport;
using DevTools.Server.Rpc;
using Nerdbank.Streams;
using StreamJsonRpc;

namespace DevTools.Server.Hosting;

/// <summary>
/// Runs one JSON-RPC round trip in memory on a spare core while the engine loads: StreamJsonRpc's first
/// use (a typed handler's binding, the formatter, framing, dispatch, the protocol types' serializers) is
/// compiled then rather than on the first client's first request, which would otherwise wait for it.
/// </summary>
public static class RpcWarmUp
{
    private const string EchoMethod = "$/devtools/warmUp";
    private static int _started;

    /// <summary>Starts the warm-up, once per process.</summary>
    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0) _ = Task.Run(RunAsync);
    }

    /// <summary>One in-memory round trip through a typed handler; false when something in it failed.</summary>
    internal static async Task<bool> RunAsync()
    {
        try
        {
            var (serverSide, clientSide) = FullDuplexStream.CreatePair();
            using var server = new BackendJsonRpc(ProtocolJson.CreateMessageHandler(serverSide), _ => { });
            server.AddHandler(new Echo());
            server.StartListening();
            using var client = new JsonRpc(ProtocolJson.CreateMessageHandler(clientSide));
            client.StartListening();
            var echoed = await client.InvokeWithParameterObjectAsync<EngineInfo>(EchoMethod, new EngineInfo { Version = "warm-up", Limits = new EngineLimits() }).ConfigureAwait(false);
            return echoed.Version == "warm-up";
        }
        catch (Exception)
        {
            return false; // only a warm-up: the first client pays for whatever it did not compile
        }
    }

    private sealed class Echo : IRequestHandler<EngineInfo, EngineInfo>
    {
        public string Method => EchoMethod;

        public Task<EngineInfo> HandleAsync(EngineInfo parameters, CancellationToken cancellationToken) => Task.FromResult(parameters);
    }
}
