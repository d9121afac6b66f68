using System.Net.Sockets;
using System.Text;

namespace DevTools.Runtime.Dotnet;

/// <summary>An answer of the Runtime API: status, headers (lower-case names) and body.</summary>
internal sealed record RuntimeApiResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>The Runtime API (GET /next and the POSTs that answer it) on $AWS_LAMBDA_RUNTIME_API.</summary>
/// <remarks>
/// One persistent HTTP/1.1 connection over a plain socket, as the Node.js and Python clients do: an HTTP client library
/// costs more start-up than the whole protocol. No timeouts: GET /next may wait for minutes, and the process is frozen
/// (stopped) between invokes.
/// </remarks>
internal sealed class RuntimeApiClient(string address)
{
    private const string Prefix = "/2018-06-01/runtime";
    public const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    private const string ErrorContentType = "application/vnd.aws.lambda.error+json";

    private readonly (string Host, int Port) _endpoint = Parse(address);
    private Socket? _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start, _end; // the unread bytes of _buffer

    public RuntimeApiResponse Next()
    {
        var response = Send(Head("GET", "/invocation/next", null), []);
        if (response.Status != 200)
            throw new IOException($"invocation/next answered {response.Status}: {Encoding.UTF8.GetString(response.Body.AsSpan(0, Math.Min(500, response.Body.Length)))}");
        return response;
    }

    public int PostResponse(string requestId, ReadOnlySpan<byte> body) =>
        Send(Head("POST", $"/invocation/{Uri.EscapeDataString(requestId)}/response", "application/json", body.Length), body).Status;

    /// <summary>An invoke's error: its type in the header, as AWS's .NET runtime sends it.</summary>
    public int PostError(string requestId, string errorType, ReadOnlySpan<byte> body) =>
        Send(Head("POST", $"/invocation/{Uri.EscapeDataString(requestId)}/error", ErrorContentType, body.Length, errorType), body).Status;

    /// <summary>An init failure. AWS's .NET runtime sends no error-type header here: the body's <c>errorType</c> tells.</summary>
    public int PostInitError(ReadOnlySpan<byte> body) =>
        Send(Head("POST", "/init/error", ErrorContentType, body.Length), body).Status;

    private byte[] Head(string method, string path, string? contentType, int length = 0, string? errorType = null)
    {
        var head = new StringBuilder(256).Append(method).Append(' ').Append(Prefix).Append(path).Append(" HTTP/1.1\r\nHost: ")
            .Append(address).Append("\r\n");
        if (errorType is not null) head.Append(ErrorTypeHeader).Append(": ").Append(errorType.Replace('\r', ' ').Replace('\n', ' ')).Append("\r\n");
        if (contentType is not null) head.Append("Content-Type: ").Append(contentType).Append("\r\nContent-Length: ").Append(length).Append("\r\n");
        return Encoding.ASCII.GetBytes(head.Append("\r\n").ToString());
    }

    private RuntimeApiResponse Send(byte[] head, ReadOnlySpan<byte> body, bool retry = true)
    {
        var reused = _socket is not null;
        var socket = _socket ??= Connect();
        var started = false;
        try
        {
            if (body.Length > 0 && body.Length < 16 * 1024)
            {
                var whole = new byte[head.Length + body.Length]; // one segment: no Nagle-style wait between head and body
                head.CopyTo(whole, 0);
                body.CopyTo(whole.AsSpan(head.Length));
                socket.Send(whole);
            }
            else
            {
                socket.Send(head);
                if (body.Length > 0) socket.Send(body);
            }
            var (response, keepAlive) = Read(ref started);
            if (!keepAlive) Close();
            return response;
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            Close();
            // The server closed an idle connection: the request never reached it, send it again once.
            if (retry && reused && !started) return Send(head, body, retry: false);
            throw;
        }
    }

    private Socket Connect()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(_endpoint.Host, _endpoint.Port);
        _start = _end = 0;
        return socket;
    }

    private void Close()
    {
        _socket?.Dispose();
        _socket = null;
        _start = _end = 0;
    }

    private (RuntimeApiResponse, bool KeepAlive) Read(ref bool started)
    {
        string[] lines;
        int status;
        do
        {
            lines = Encoding.Latin1.GetString(ReadUntilBlankLine(ref started)).Split("\r\n");
            status = lines[0].Length >= 12 && int.TryParse(lines[0].AsSpan(9, 3), out var code) ? code : throw new IOException($"Bad status line: {lines[0]}");
        } while (status is >= 100 and < 200);

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }
        var keepAlive = !string.Equals(headers.GetValueOrDefault("connection"), "close", StringComparison.OrdinalIgnoreCase);
        byte[] body;
        if (headers.TryGetValue("content-length", out var length)) body = ReadExactly(int.Parse(length));
        else if (headers.GetValueOrDefault("transfer-encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true) body = ReadChunked();
        else if (status is 204 or 304) body = [];
        else
        {
            body = ReadToEnd();
            keepAlive = false;
        }
        return (new RuntimeApiResponse(status, headers, body), keepAlive);
    }

    private byte[] ReadUntilBlankLine(ref bool started)
    {
        while (true)
        {
            var index = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
            if (index >= 0)
            {
                var head = _buffer.AsSpan(_start, index).ToArray();
                _start += index + 4;
                return head;
            }
            started |= _end > _start;
            Fill();
        }
    }

    private byte[] ReadLine()
    {
        while (true)
        {
            var index = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (index >= 0)
            {
                var line = _buffer.AsSpan(_start, index).ToArray();
                _start += index + 2;
                return line;
            }
            Fill();
        }
    }

    private byte[] ReadExactly(int count)
    {
        var result = new byte[count];
        var have = Math.Min(count, _end - _start);
        _buffer.AsSpan(_start, have).CopyTo(result);
        _start += have;
        while (have < count)
        {
            var read = _socket!.Receive(result, have, count - have, SocketFlags.None);
            if (read == 0) throw new IOException("the Runtime API closed the connection");
            have += read;
        }
        return result;
    }

    private byte[] ReadChunked()
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeText = Encoding.ASCII.GetString(ReadLine()).Split(';')[0].Trim();
            var size = Convert.ToInt32(sizeText, 16);
            if (size == 0)
            {
                while (ReadLine().Length > 0) { } // trailers, up to the blank line
                return body.ToArray();
            }
            body.Write(ReadExactly(size));
            ReadExactly(2);
        }
    }

    private byte[] ReadToEnd()
    {
        using var body = new MemoryStream();
        body.Write(_buffer, _start, _end - _start);
        _start = _end = 0;
        int read;
        while ((read = _socket!.Receive(_buffer)) > 0) body.Write(_buffer, 0, read);
        return body.ToArray();
    }

    private void Fill()
    {
        if (_start == _end) _start = _end = 0;
        else if (_end == _buffer.Length)
        {
            if (_start == 0) throw new IOException("Runtime API response head too large");
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        var read = _socket!.Receive(_buffer, _end, _buffer.Length - _end, SocketFlags.None);
        if (read == 0) throw new IOException("the Runtime API closed the connection");
        _end += read;
    }

    private static (string, int) Parse(string address)
    {
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), out var port))
            throw new ArgumentException($"AWS_LAMBDA_RUNTIME_API is not host:port: '{address}'");
        return (address[..colon].Trim('[', ']'), port);
    }
}
