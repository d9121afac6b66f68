using System.Net.Sockets;
using System.Text;
using DevTools.Engine.RuntimeApi;
using FsCheck;
using FsCheck.Fluent;

namespace DevTools.Engine.Tests.Reliability;

/// <summary>
/// Random and malformed requests on a real Runtime API socket: every one gets one of RAPID's answers
/// (or a closed connection for unparseable framing), never a 500 or a hang, and the server keeps serving.
/// </summary>
public sealed class RuntimeApiFuzzTests : IAsyncLifetime
{
    private static readonly int[] Allowed = [202, 400, 403, 404, 405, 413];
    private RuntimeSession _session = null!;
    private RuntimeApiServer _server = null!;
    private readonly DevTools.Engine.RuntimeApi.Extensions.ExtensionRegistry _extensions = new();

    public Task InitializeAsync()
    {
        _session = new RuntimeSession(new IgnoringObserver());
        _server = new RuntimeApiServer(_session, _extensions, new DevTools.Engine.RuntimeApi.Extensions.TelemetryDelivery(), new DevTools.Engine.RuntimeApi.Extensions.RegistrationInfo("Probe", "$LATEST", "probe", "123456789012"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Gen<string> Request() =>
        from method in Gen.Elements("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "BREW", "")
        from path in Gen.Elements(
            "/2018-06-01/runtime/invocation/abc/response", "/2018-06-01/runtime/invocation/abc/error", "/2018-06-01/runtime/init/error",
            "/2018-06-01/runtime/invocation//response", "/2018-06-01/runtime/invocation/../../etc/passwd", "/2018-06-01/runtime/ünïcødé/💥",
            "/2018-06-01/runtime/restore/next", "/", "*", "/" + new string('a', 5000), "/2018-06-01/runtime/invocation/abc/response?x=%00")
        from header in Gen.Elements("", "Content-Type: application/json\r\n", "Lambda-Runtime-Function-Error-Type: \u00ff\r\n",
            "Lambda-Runtime-Function-Response-Mode: sideways\r\n", "Expect: 100-continue\r\n", "X-Junk: " + new string('x', 3000) + "\r\n")
        from body in Gen.Elements("", "{}", "{\"errorType\":1}", "not json", "\u0000\u0001", new string('z', 70_000))
        from framing in Gen.Choose(0, 3)
        select framing switch
        {
            0 => $"{method} {path} HTTP/1.1\r\n{header}Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}",
            1 => $"{method} {path} HTTP/1.1\r\n{header}Transfer-Encoding: chunked\r\n\r\n{Encoding.UTF8.GetByteCount(body):x}\r\n{body}\r\n0\r\n\r\n",
            2 => $"{method} {path} HTTP/1.1\r\n{header}Content-Length: -3\r\n\r\n",
            _ => $"{method} {path} HTTP/1.1\r\n{header}Transfer-Encoding: chunked\r\n\r\nzz\r\n{body}\r\n",
        };

    [Fact]
    public void RandomRequestsGetRapidsAnswers() =>
        Prop.ForAll(Request().ToArbitrary(), request => Answer(request)).Check(Config.QuickThrowOnFailure.WithMaxTest(300));

    [Theory]
    [InlineData("\r\n\r\n")]
    [InlineData("GET\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n")]
    [InlineData("POST /2018-06-01/runtime/init/error HTTP/1.1\r\nContent-Length: 10\r\n\r\nshort")]
    public void MalformedFramingClosesOnlyThatConnection(string request)
    {
        Answer(request);
        Assert.True(Answer("GET /nowhere HTTP/1.1\r\n\r\n"));
    }

    /// <summary>Sends one request on a fresh connection; true when the answer is allowed (or the connection was closed on bad framing).</summary>
    private bool Answer(string request)
    {
        using var tcp = new TcpClient();
        tcp.Connect("127.0.0.1", _server.Port);
        tcp.ReceiveTimeout = 5000;
        var stream = tcp.GetStream();
        try
        {
            stream.Write(Encoding.UTF8.GetBytes(request));
            tcp.Client.Shutdown(SocketShutdown.Send);
        }
        catch (IOException) { return true; } // the server closed first: also fine
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        string? statusLine = null;
        while (statusLine is null)
        {
            int read;
            try { read = stream.Read(buffer); }
            catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut })
            {
                throw new InvalidOperationException("the server hung on: " + request[..Math.Min(200, request.Length)]);
            }
            catch (IOException) { return true; } // reset: unparseable framing
            if (read == 0) return true;
            received.Write(buffer, 0, read);
            // Skip an interim "100 Continue" (sent for Expect: 100-continue) to the final answer.
            var lines = Encoding.ASCII.GetString(received.ToArray()).Split("\r\n");
            statusLine = lines.FirstOrDefault(l => l.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && !l.StartsWith("HTTP/1.1 100 ", StringComparison.Ordinal));
        }
        var parts = statusLine.Split(' ');
        if (parts.Length < 2 || !int.TryParse(parts[1], out var status) || !Allowed.Contains(status))
            throw new InvalidOperationException($"'{statusLine}' for: {request[..Math.Min(200, request.Length)]}");
        return true;
    }

    private sealed class IgnoringObserver : IRuntimeSessionObserver
    {
        public void OnInitDone() { }
        public void OnInitError(string errorType, byte[] body) { }
        public void OnResponse(RuntimeInvocation invocation, byte[] body, string? contentType) { }
        public void OnResponseTooLarge(RuntimeInvocation invocation, long size) { }
        public void OnError(RuntimeInvocation invocation, string errorType, byte[] body) { }
        public void OnRuntimeDone(RuntimeInvocation invocation) { }
    }
}
