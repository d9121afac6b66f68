using DevTools.Tests.Shared;
using System.Net.Sockets;
using System.Text;
using DevTools.Engine.RuntimeApi;

namespace DevTools.Engine.Tests.RuntimeApi;

/// <summary>The Runtime API at the raw HTTP level: status codes and bodies exactly as RAPID sends them.</summary>
public sealed class RawHttpTests : IAsyncLifetime
{
    private readonly RecordingObserver _observer = new();
    private RuntimeSession _session = null!;
    private RuntimeApiServer _server = null!;
    private readonly DevTools.Engine.RuntimeApi.Extensions.ExtensionRegistry _extensions = new();

    public Task InitializeAsync()
    {
        _session = new RuntimeSession(_observer);
        _server = new RuntimeApiServer(_session, _extensions, new DevTools.Engine.RuntimeApi.Extensions.TelemetryDelivery(), new DevTools.Engine.RuntimeApi.Extensions.RegistrationInfo("Probe", "$LATEST", "probe", "123456789012"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TheExtensionsApiIsServedOnTheSameEndpoint()
    {
        using var client = await RawClient.ConnectAsync(_server.Port);
        var registered = await client.SendAsync("POST", "/2020-01-01/extension/register", "{\"events\":[\"INVOKE\"]}", ("Lambda-Extension-Name", "agent"));
        Assert.Equal(200, registered.Status);
        Assert.Equal("{\"functionName\":\"Probe\",\"functionVersion\":\"$LATEST\",\"handler\":\"probe\"}", registered.Body);
        var id = registered.Headers["lambda-extension-identifier"];

        var next = client.SendAsync("GET", "/2020-01-01/extension/event/next", null, ("Lambda-Extension-Identifier", id));
        await Poll.UntilAsync(() => _extensions.AllReady(["agent"]), TimeSpan.FromSeconds(5));
        _extensions.Deliver("INVOKE", "{\"eventType\":\"INVOKE\",\"requestId\":\"r1\"}"u8.ToArray());
        var invoke = await next;
        Assert.Equal((200, "{\"eventType\":\"INVOKE\",\"requestId\":\"r1\"}"), (invoke.Status, invoke.Body));
        Assert.True(invoke.Headers.ContainsKey("lambda-extension-event-identifier"));

        using var other = await RawClient.ConnectAsync(_server.Port);
        var bad = await other.SendAsync("POST", "/2020-01-01/extension/register", "{\"configurationKeys\":[]}", ("Lambda-Extension-Name", "old"));
        Assert.Equal(403, bad.Status);
        Assert.Contains("InvalidRequestFormat", bad.Body);
        var unknown = await other.SendAsync("GET", "/2020-01-01/extension/event/next", null, ("Lambda-Extension-Identifier", Guid.NewGuid().ToString()));
        Assert.Contains("Extension.UnknownExtensionIdentifier", unknown.Body);

        // The Telemetry API checks a subscription against the spec, and only takes one during init; the Logs API says it is not served.
        var invalid = await other.SendAsync("PUT", "/2022-07-01/telemetry", "{\"schemaVersion\":\"2022-12-13\",\"types\":[\"platform\"],\"destination\":{\"protocol\":\"TCP\",\"port\":4243}}",
            ("Lambda-Extension-Identifier", id));
        Assert.Equal(400, invalid.Status);
        Assert.Contains("ValidationError", invalid.Body);
        var logs = await other.SendAsync("PUT", "/2020-08-15/logs", "{}", ("Lambda-Extension-Identifier", id));
        Assert.Equal(202, logs.Status);
        Assert.Contains("Logs.NotSupported", logs.Body);
        _extensions.CloseRegistration();
        var late = await other.SendAsync("PUT", "/2022-07-01/telemetry", "{\"schemaVersion\":\"2022-12-13\",\"types\":[\"platform\"],\"destination\":{\"protocol\":\"HTTP\",\"URI\":\"http://sandbox.localdomain:4243\"}}",
            ("Lambda-Extension-Identifier", id));
        Assert.Equal(403, late.Status);
        Assert.Contains("Telemetry.SubscriptionClosed", late.Body);
    }

    [Fact]
    public async Task NextWaitsForAnEventAndServesItWithLambdaHeaders()
    {
        using var client = await RawClient.ConnectAsync(_server.Port);
        var next = client.SendAsync("GET", "/2018-06-01/runtime/invocation/next");
        await Task.Delay(100);
        Assert.False(next.IsCompleted); // long poll: nothing to serve yet
        Assert.True(_observer.InitDone);

        _session.Deliver(Event("req-1", "{\"hello\":1}"));
        var response = await next;
        Assert.Equal(200, response.Status);
        Assert.Equal("req-1", response.Headers["Lambda-Runtime-Aws-Request-Id"]);
        Assert.Equal("1700000000000", response.Headers["Lambda-Runtime-Deadline-Ms"]);
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:f", response.Headers["Lambda-Runtime-Invoked-Function-Arn"]);
        Assert.Equal("Root=1-abc", response.Headers["Lambda-Runtime-Trace-Id"]);
        Assert.Equal("application/json", response.Headers["Content-Type"]);
        Assert.False(response.Headers.ContainsKey("Lambda-Runtime-Client-Context"));
        Assert.Equal("{\"hello\":1}", response.Body);
    }

    [Fact]
    public async Task ResponseIsAcceptedOnceThenRefused()
    {
        using var client = await RawClient.ConnectAsync(_server.Port);
        _session.Deliver(Event("req-1"));
        await client.SendAsync("GET", "/2018-06-01/runtime/invocation/next");

        var first = await client.SendAsync("POST", "/2018-06-01/runtime/invocation/req-1/response", "{\"ok\":true}");
        Assert.Equal(202, first.Status);
        Assert.Equal("{\"status\":\"OK\"}", first.Body);
        await HandedOnAsync(() => _observer.Response == "{\"ok\":true}");

        var second = await client.SendAsync("POST", "/2018-06-01/runtime/invocation/req-1/response", "{}");
        Assert.Equal(403, second.Status);
        Assert.Equal("{\"errorMessage\":\"State transition from RuntimeResponseSent to InvocationResponse failed for runtime. Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}", second.Body);

        var errorAfter = await client.SendAsync("POST", "/2018-06-01/runtime/invocation/req-1/error", "{}");
        Assert.Equal(403, errorAfter.Status);
    }

    [Fact]
    public async Task WrongRequestIdIs400BeforeAnyStateChange()
    {
        using var client = await RawClient.ConnectAsync(_server.Port);
        _session.Deliver(Event("req-1"));
        await client.SendAsync("GET", "/2018-06-01/runtime/invocation/next");

        var wrong = await client.SendAsync("POST", "/2018-06-01/runtime/invocation/other/response", "{}");
        Assert.Equal(400, wrong.Status);
        Assert.Equal("{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}", wrong.Body);
        Assert.Equal(RuntimeState.Running, _session.State);

        var right = await client.SendAsync("POST", "/2018-06-01/runtime/invocation/req-1/response", "{}");
        Assert.Equal(202, right.Status);
    }

    [Fact]
    public async Task ResponseWithNoInvokeRunningIsInvalidRequestId()
    {
        using var client = await RawClient.ConnectAsync(_server.Port);
        var response = await client.SendAsync("POST", "/2018-06-01/runtime/invocation/nothing/response", "{}");
        Assert.Equal(400, response.Status);
    }

    [Fact]
    public async Task ErrorPostCarriesTheHeaderTypeOrTheBodyType()
    {
        using var client = await RawClient.ConnectAsync(_server.Port);
        _session.Deliver(Event("req-1"));
        await client.SendAsync("GET", "/2018-06-01/runtime/invocation/next");
        var response = await client.SendAsync("POST", "/2018-06-01/runtime/invocation/req-1/error",
            "{\"errorType\":\"FromBody\",\"errorMessage\":\"m\"}", ("Lambda-Runtime-Function-Error-Type", "Function.FromHeader"));
        Assert.Equal(202, response.Status);
        await HandedOnAsync(() => _observer.ErrorType == "Function.FromHeader");

        _session.Deliver(Event("req-2"));
        await client.SendAsync("GET", "/2018-06-01/runtime/invocation/next");
        await client.SendAsync("POST", "/2018-06-01/runtime/invocation/req-2/error", "{\"errorType\":\"FromBody\",\"errorMessage\":\"m\"}");
        await HandedOnAsync(() => _observer.ErrorType == "FromBody");
    }

    [Fact]
    public async Task InitErrorIsOnlyAllowedBeforeTheFirstNext()
    {
        using var client = await RawClient.ConnectAsync(_server.Port);
        var accepted = await client.SendAsync("POST", "/2018-06-01/runtime/init/error", "{\"errorType\":\"Runtime.ImportModuleError\",\"errorMessage\":\"x\"}");
        Assert.Equal(202, accepted.Status);
        Assert.Equal("Runtime.ImportModuleError", _observer.InitErrorType);

        var nextAfter = await client.SendAsync("GET", "/2018-06-01/runtime/invocation/next");
        Assert.Equal(403, nextAfter.Status);

        _session.Reset();
        _session.Deliver(Event("req-1"));
        await client.SendAsync("GET", "/2018-06-01/runtime/invocation/next");
        var late = await client.SendAsync("POST", "/2018-06-01/runtime/init/error", "{}");
        Assert.Equal(403, late.Status);
        Assert.Contains("State transition from Running to InitError failed", late.Body);
    }

    [Fact]
    public async Task RepeatedNextDuringAnInvokeServesTheSameEvent()
    {
        using var client = await RawClient.ConnectAsync(_server.Port);
        _session.Deliver(Event("req-1"));
        var first = await client.SendAsync("GET", "/2018-06-01/runtime/invocation/next");
        var again = await client.SendAsync("GET", "/2018-06-01/runtime/invocation/next");
        Assert.Equal(first.Headers["Lambda-Runtime-Aws-Request-Id"], again.Headers["Lambda-Runtime-Aws-Request-Id"]);
    }

    [Fact]
    public async Task UnknownPathsAre404AndWrongMethods405()
    {
        using var client = await RawClient.ConnectAsync(_server.Port);
        var notFound = await client.SendAsync("GET", "/2018-06-01/runtime/nothing");
        Assert.Equal(404, notFound.Status);
        Assert.Equal("404 page not found\n", notFound.Body);
        Assert.Equal(404, (await client.SendAsync("GET", "/2018-06-01/runtime/restore/next")).Status);
        Assert.Equal(405, (await client.SendAsync("POST", "/2018-06-01/runtime/invocation/next", "")).Status);
        Assert.Equal(405, (await client.SendAsync("GET", "/2018-06-01/runtime/invocation/x/response")).Status);
    }

    [Fact]
    public async Task OversizeResponseIs413AndAnswersTheInvoke()
    {
        using var client = await RawClient.ConnectAsync(_server.Port);
        _session.Deliver(Event("req-1"));
        await client.SendAsync("GET", "/2018-06-01/runtime/invocation/next");
        var body = new string('x', LambdaLimits.MaxResponseBytes + 1);
        var response = await client.SendAsync("POST", "/2018-06-01/runtime/invocation/req-1/response", body);
        Assert.Equal(413, response.Status);
        Assert.Equal("{\"errorMessage\":\"Exceeded maximum allowed payload size (6291556 bytes).\",\"errorType\":\"RequestEntityTooLarge\"}", response.Body);
        Assert.Equal(LambdaLimits.MaxResponseBytes + 1, _observer.TooLargeSize);
        Assert.Equal(RuntimeState.ResponseSent, _session.State);
        // The connection is still usable.
        Assert.Equal(404, (await client.SendAsync("GET", "/x")).Status);
    }

    [Fact]
    public async Task ChunkedResponsesAreAccepted()
    {
        using var client = await RawClient.ConnectAsync(_server.Port);
        _session.Deliver(Event("req-1"));
        await client.SendAsync("GET", "/2018-06-01/runtime/invocation/next");
        var response = await client.SendRawAsync(
            "POST /2018-06-01/runtime/invocation/req-1/response HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n3\r\n12}\r\n0\r\n\r\n");
        Assert.Equal(202, response.Status);
        await HandedOnAsync(() => _observer.Response == "{\"a\":12}");
    }

    [Fact]
    public async Task MalformedRequestsGet400AndTheServerKeepsServing()
    {
        using (var bad = await RawClient.ConnectAsync(_server.Port))
        {
            var response = await bad.SendRawAsync("GARBAGE\r\n\r\n");
            Assert.Equal(400, response.Status);
        }
        using (var badLength = await RawClient.ConnectAsync(_server.Port))
        {
            var response = await badLength.SendRawAsync("POST /2018-06-01/runtime/init/error HTTP/1.1\r\nContent-Length: -5\r\n\r\n");
            Assert.Equal(400, response.Status);
        }
        using var good = await RawClient.ConnectAsync(_server.Port);
        Assert.Equal(404, (await good.SendAsync("GET", "/")).Status);
    }

    /// <summary>The server acknowledges a runtime's answer (202) before it hands the answer on: wait for the hand-over.</summary>
    private async Task HandedOnAsync(Func<bool> handedOn)
    {
        Assert.True(await Poll.UntilAsync(handedOn, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(5)), $"not handed on: response {_observer.Response ?? "none"}, error type {_observer.ErrorType ?? "none"}");
    }

    private static RuntimeInvocation Event(string id, string payload = "{}") => new()
    {
        RequestId = id,
        Payload = Encoding.UTF8.GetBytes(payload),
        DeadlineMs = 1700000000000,
        InvokedFunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:f",
        TraceId = "Root=1-abc",
    };

    private sealed class RecordingObserver : IRuntimeSessionObserver
    {
        public bool InitDone;
        public string? InitErrorType;
        public volatile string? Response; // written on the server's connection, read by the test
        public volatile string? ErrorType;
        public long TooLargeSize;

        public void OnInitDone() => InitDone = true;
        public void OnInitError(string errorType, byte[] body) => InitErrorType = errorType;
        public void OnResponse(RuntimeInvocation invocation, byte[] body, string? contentType) => Response = Encoding.UTF8.GetString(body);
        public void OnResponseTooLarge(RuntimeInvocation invocation, long size) => TooLargeSize = size;
        public void OnError(RuntimeInvocation invocation, string errorType, byte[] body) => ErrorType = errorType;
        public void OnRuntimeDone(RuntimeInvocation invocation) { }
    }
}

/// <summary>A minimal HTTP/1.1 client over a raw socket, so tests see exactly what the server sends.</summary>
internal sealed class RawClient : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        return new RawClient(tcp);
    }

    public Task<RawResponse> SendAsync(string method, string path, string? body = null, params (string Name, string Value)[] headers)
    {
        var sb = new StringBuilder($"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        foreach (var (name, value) in headers) sb.Append(name).Append(": ").Append(value).Append("\r\n");
        if (body is not null) sb.Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(body)).Append("\r\n");
        sb.Append("\r\n").Append(body);
        return SendRawAsync(sb.ToString());
    }

    public async Task<RawResponse> SendRawAsync(string request)
    {
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        return await ReadResponseAsync();
    }

    private async Task<RawResponse> ReadResponseAsync()
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(buffer))
        {
            if (await _stream.ReadAsync(one) == 0) throw new IOException("connection closed");
            buffer.Add(one[0]);
        }
        var head = Encoding.ASCII.GetString(buffer.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var status = int.Parse(head[0].Split(' ')[1]);
        var headers = head.Skip(1).Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        var length = int.Parse(headers["Content-Length"]);
        var body = new byte[length];
        var read = 0;
        while (read < length) read += await _stream.ReadAsync(body.AsMemory(read));
        return new RawResponse(status, headers, Encoding.UTF8.GetString(body));
    }

    private static bool EndsWithBlankLine(List<byte> b) =>
        b.Count >= 4 && b[^4] == '\r' && b[^3] == '\n' && b[^2] == '\r' && b[^1] == '\n';

    public void Dispose() => _tcp.Dispose();
}

internal sealed record RawResponse(int Status, Dictionary<string, string> Headers, string Body);
