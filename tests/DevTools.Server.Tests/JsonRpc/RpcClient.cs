using DevTools.Tests.Shared;
using System.Collections.Concurrent;
using System.Net.Sockets;
using DevTools.Protocol;
using DevTools.Protocol.Lsp;
using DevTools.Protocol.Transport;
using StreamJsonRpc;

namespace DevTools.Server.Tests.JsonRpc;

/// <summary>A raw StreamJsonRpc connection to a backend (socket or stdio), recording what the backend sends it.</summary>
public sealed class RpcClient : IAsyncDisposable
{
    private RpcClient(IJsonRpcMessageHandler handler)
    {
        Rpc = new ProtocolClientRpc(handler);
        Rpc.AddLocalRpcTarget(new Receiver(this));
        Rpc.StartListening();
    }

    public StreamJsonRpc.JsonRpc Rpc { get; }
    public ConcurrentQueue<LifecycleEventNotification> Events { get; } = new();
    public ConcurrentQueue<PublishDiagnosticsParams> Diagnostics { get; } = new();
    public int CodeLensRefreshes;

    public static async Task<RpcClient> ConnectAsync(string socketPath)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        return new RpcClient(ProtocolJson.CreateMessageHandler(new NetworkStream(socket, ownsSocket: true)));
    }

    public static RpcClient OverStdio(System.Diagnostics.Process process) =>
        new(ProtocolJson.CreateMessageHandler(process.StandardInput.BaseStream, process.StandardOutput.BaseStream));

    /// <summary>A request with its params object (the protocol's params are always one object; <c>{}</c> when none).</summary>
    public Task<T> CallAsync<T>(string method, object? parameters = null, CancellationToken cancellationToken = default) =>
        Rpc.InvokeWithParameterObjectAsync<T>(method, parameters ?? new { }, cancellationToken);

    public Task<InvokeResponse> InvokeAsync(string function, string? payload = null, CancellationToken cancellationToken = default) =>
        CallAsync<InvokeResponse>(ProtocolMethods.Invoke, new InvokeParams { FunctionName = function, Payload = payload }, cancellationToken);

    /// <summary>
    /// The JSON-RPC error code a call fails with. (StreamJsonRpc raises InvalidParams as RemoteMethodNotFoundException,
    /// since no overload fits, and other codes as RemoteInvocationException.)
    /// </summary>
    public static async Task<int> ErrorCodeOfAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAnyAsync<RemoteRpcException>(call);
        return error switch
        {
            RemoteInvocationException invocation => invocation.ErrorCode,
            RemoteMethodNotFoundException notFound => (int)notFound.ErrorCode,
            _ => throw new Xunit.Sdk.XunitException("Unexpected " + error),
        };
    }

    /// <summary>Waits until a received event matches (bounded, so a missing event fails the test instead of hanging it).</summary>
    public async Task<LifecycleEventNotification> WaitForEventAsync(Func<LifecycleEventNotification, bool> match, TimeSpan? within = null)
    {
        return await Poll.UntilAsync(() => Events.FirstOrDefault(match), within ?? TimeSpan.FromSeconds(15))
            ?? throw new TimeoutException("No matching event. Received:\n" + string.Join('\n', Events.Select(e => $"{e.Type} {e.Text}")));
    }

    public async Task<PublishDiagnosticsParams> WaitForDiagnosticsAsync(Func<PublishDiagnosticsParams, bool> match)
    {
        return await Poll.UntilAsync(() => Diagnostics.LastOrDefault(match), TimeSpan.FromSeconds(15))
            ?? throw new TimeoutException($"No matching diagnostics; received {Diagnostics.Count} publication(s).");
    }

    public async ValueTask DisposeAsync()
    {
        Rpc.Dispose();
        await Rpc.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private sealed class Receiver(RpcClient client)
    {
        [JsonRpcMethod(ProtocolMethods.Event, UseSingleObjectParameterDeserialization = true)]
        public void OnEvent(LifecycleEventNotification e) => client.Events.Enqueue(e);

        [JsonRpcMethod(LspMethods.PublishDiagnostics, UseSingleObjectParameterDeserialization = true)]
        public void OnDiagnostics(PublishDiagnosticsParams p) => client.Diagnostics.Enqueue(p);

        [JsonRpcMethod(LspMethods.CodeLensRefresh)]
        public void OnCodeLensRefresh() => Interlocked.Increment(ref client.CodeLensRefreshes);
    }
}
