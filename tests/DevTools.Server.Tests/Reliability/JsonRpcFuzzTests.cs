using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using DevTools.Server.Tests.JsonRpc;
using FsCheck;
using FsCheck.Fluent;

namespace DevTools.Server.Tests.Reliability;

/// <summary>
/// Random JSON-RPC requests on the backend's real socket: a well-formed request always gets a JSON-RPC
/// answer (a result or an error object, whatever its method and params); bad framing or an envelope that
/// is not a JSON-RPC request (StreamJsonRpc closes such a connection) only ends that connection, and the
/// backend stays up for everyone else.
/// </summary>
public sealed class JsonRpcFuzzTests(SocketBackendFixture backend) : IClassFixture<SocketBackendFixture>
{
    private static Gen<string> Message() =>
        from method in Gen.Elements("lambda/invoke", "lambda/functions/list", "lambda/environments/stop", "lambda/events/subscribe", "lambda/events/samples", "lambda/events/generate", "nope", "", "lambda/💥", "rpc.discover")
        from parameters in Gen.Elements("{}", "[]", "{\"functionName\":5}", "{\"functionName\":null}", "[\"Probe\"]", "{\"functionName\":\"Nope\"}", "{\"functionName\":\"Probe\",\"payload\":\"{bad\"}",
            "{\"functionName\":\"Probe\",\"invocationType\":\"Sometimes\"}", "{\"functionName\":\"Probe\",\"payload\":123}", "[1,2,3]", "{\"id\":{}}",
            "{\"id\":\"s3-put\",\"values\":{\"size\":\"x\"}}", "{\"id\":\"s3-put\",\"values\":[1]}", "{\"id\":\"sqs-receive-message\",\"values\":{\"body\":null}}")
        from id in Gen.Elements("1", "\"a\"", "9007199254740993", "\"\u00e9\"")
        select $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"{method}\",\"params\":{parameters}}}";

    [Fact]
    public void RandomMessagesGetJsonRpcAnswers() =>
        Prop.ForAll(Message().ToArbitrary(), message =>
        {
            var reply = SendFramed(message);
            if (reply is null) return true; // a notification-like message (id null): no answer expected
            using var document = JsonDocument.Parse(reply);
            var root = document.RootElement;
            if (!root.TryGetProperty("result", out _) && !root.TryGetProperty("error", out _))
                throw new InvalidOperationException("neither result nor error: " + reply);
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));

    [Theory]
    [InlineData("Content-Length: 5\r\n\r\n{oops")]
    [InlineData("Content-Length: -1\r\n\r\n")]
    [InlineData("no header at all\r\n\r\n{}")]
    [InlineData("Content-Length: 2\r\n\r\n[]")]
    [InlineData("Content-Length: 63\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"lambda/events/subscribe\",\"params\":1}")]
    [InlineData("Content-Length: 56\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":[],\"method\":\"x\",\"params\":{}}   ")]
    [InlineData("Content-Length: 52\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"lambda/invoke\"}")]
    [InlineData("Content-Length: 12\r\n\r\n\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b")]
    public async Task BadFramesCloseOnlyThatConnection(string raw)
    {
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(backend.SocketPath));
            await socket.SendAsync(Encoding.UTF8.GetBytes(raw));
            var buffer = new byte[4096];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try { await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token); } catch (OperationCanceledException) { } catch (SocketException) { }
        }
        await using var client = await backend.ConnectAsync();
        var info = await client.CallAsync<Protocol.EngineInfo>(Protocol.ProtocolMethods.EngineInfo);
        Assert.True(info.ProcessId > 0);
    }

    /// <summary>Sends one framed message on a fresh connection; returns the reply body, or null when none came.</summary>
    private string? SendFramed(string message)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(backend.SocketPath));
        var body = Encoding.UTF8.GetBytes(message);
        socket.Send(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
        socket.Send(body);
        socket.ReceiveTimeout = message.Contains("\"id\":null") ? 500 : 10_000;
        var received = new List<byte>();
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var n = socket.Receive(buffer);
                if (n == 0) break;
                received.AddRange(buffer.AsSpan(0, n).ToArray());
                var text = Encoding.UTF8.GetString(received.ToArray());
                var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (split < 0) continue;
                var length = int.Parse(text[..split].Split(':')[1].Trim().Split('\r')[0]);
                var start = Encoding.UTF8.GetByteCount(text[..(split + 4)]);
                if (received.Count >= start + length) return Encoding.UTF8.GetString(received.ToArray(), start, length);
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
        {
            if (message.Contains("\"id\":null")) return null;
            throw new InvalidOperationException("no answer to: " + message);
        }
        throw new InvalidOperationException("connection closed without an answer to: " + message);
    }
}
