using System.Net;
using DevTools.Engine;
using DevTools.Engine.Http;
using DevTools.Engine.Invocation;

namespace DevTools.Server.InvokeApi;

/// <summary>
/// Lambda's Invoke HTTP API (<c>/2015-03-31/functions/...</c>) on loopback, so AWS SDKs and the AWS CLI can invoke
/// local functions with <c>--endpoint-url</c>, like <c>sam local start-lambda</c>. Served by the engine's own HTTP/1.1
/// connection (as the Runtime API is): a request is read, invoked and answered on the thread that received it.
/// </summary>
public sealed class InvokeApiServer : IAsyncDisposable
{
    // AWS caps Client-Context at 3,583 bytes; generous room for every other header an SDK sends.
    private const int MaxHeaderBytes = 64 * 1024;
    private readonly LoopbackListener _listener;
    private readonly InvokeApiHandler _handler;

    private InvokeApiServer(LambdaEngine engine, IPAddress address, int port)
    {
        _handler = new InvokeApiHandler(engine);
        _listener = new LoopbackListener(address, port, MaxHeaderBytes, ServeAsync);
        var bound = _listener.EndPoint;
        Address = new Uri($"http://{(bound.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{bound.Address}]" : bound.Address.ToString())}:{bound.Port}");
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:3001</c>.</summary>
    public Uri Address { get; }

    /// <summary>Starts listening. Only loopback addresses are accepted: nothing is exposed beyond this machine.</summary>
    /// <exception cref="ArgumentException">The host is not a loopback address.</exception>
    /// <exception cref="IOException">The port cannot be bound.</exception>
    public static Task<InvokeApiServer> StartAsync(LambdaEngine engine, string host = "127.0.0.1", int port = 3001, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new InvokeApiServer(engine, LoopbackAddress.Resolve(host, "the Invoke API"), port));
    }

    private async Task ServeAsync(HttpConnection connection)
    {
        try
        {
            while (await connection.ReadHeadAsync().ConfigureAwait(false) is { } request)
            {
                var response = await _handler.HandleAsync(request, connection).ConfigureAwait(false);
                if (response is null) return;
                var close = !request.KeepAlive || connection.MustClose;
                await connection.SendAsync(Serialize(response, close)).ConfigureAwait(false);
                if (close) return;
            }
        }
        catch (InvalidHttpRequestException e)
        {
            var error = new LambdaServiceException(e.StatusCode == 431 ? "RequestHeaderFieldsTooLargeException" : "BadRequestException", e.StatusCode, e.Message);
            await connection.TrySendAsync(Serialize(ServiceErrors.Response(error), close: true)).ConfigureAwait(false);
        }
    }

    private static ReadOnlyMemory<byte> Serialize(InvokeApiResponse response, bool close)
    {
        var http = new HttpResponseBuilder(response.StatusCode, 256 + response.Body.Length).Header("Date", HttpDate.Now());
        foreach (var (name, value) in response.Headers) http.Header(name, value);
        if (close) http.Header("Connection", "close");
        return response.StatusCode == 204 ? http.FinishWithoutBody() : http.Finish(response.ContentType, response.Body.Span);
    }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
