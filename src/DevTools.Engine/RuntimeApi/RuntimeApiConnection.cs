using System.Buffers;
using System.Buffers.Text;
using System.Net.Sockets;
using System.Text;

namespace DevTools.Engine.RuntimeApi;

/// <summary>
/// One keep-alive HTTP/1.1 connection from a runtime. Runtime clients send one request at a
/// time, so requests are read, dispatched and answered in order on a pooled buffer.
/// </summary>
internal sealed class RuntimeApiConnection
{
    private const int MaxHeaderBytes = 64 * 1024;
    private readonly Socket _socket;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(8 * 1024);
    private int _start;
    private int _end;

    public RuntimeApiConnection(Socket socket)
    {
        _socket = socket;
        _socket.NoDelay = true;
    }

    public async Task RunAsync(RuntimeApiRouter router)
    {
        try
        {
            while (true)
            {
                var request = await ReadRequestAsync().ConfigureAwait(false);
                if (request is null) break;
                var keepOpen = await router.DispatchAsync(request, this).ConfigureAwait(false);
                if (!keepOpen || !request.KeepAlive) break;
            }
        }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
        catch (InvalidDataException)
        {
            await TrySendAsync(HttpResponses.Error(400, "InvalidRequestFormat", "Malformed HTTP request")).ConfigureAwait(false);
        }
        finally
        {
            Release();
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None).ConfigureAwait(false);
            data = data[sent..];
        }
    }

    /// <summary>Sends the /next response: head and payload in one write when it fits a pooled buffer.</summary>
    public async ValueTask SendNextAsync(RuntimeInvocation invocation)
    {
        var writer = new ArrayBufferWriter<byte>(512 + Math.Min(invocation.Payload.Length, 64 * 1024));
        HttpResponses.WriteNextHead(writer, invocation);
        if (invocation.Payload.Length <= 64 * 1024)
        {
            writer.Write(invocation.Payload.Span);
            await SendAsync(writer.WrittenMemory).ConfigureAwait(false);
        }
        else
        {
            await SendAsync(writer.WrittenMemory).ConfigureAwait(false);
            await SendAsync(invocation.Payload).ConfigureAwait(false);
        }
    }

    private async ValueTask TrySendAsync(byte[] data)
    {
        try { await SendAsync(data).ConfigureAwait(false); } catch (SocketException) { } catch (ObjectDisposedException) { }
    }

    private async ValueTask<RuntimeApiRequest?> ReadRequestAsync()
    {
        int headEnd;
        while ((headEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_end - _start > MaxHeaderBytes) throw new InvalidDataException("header too large");
            if (!await FillAsync().ConfigureAwait(false)) return null;
        }
        var request = ParseHead(_buffer.AsSpan(_start, headEnd), out var contentLength, out var chunked, out var expectContinue);
        _start += headEnd + 4;
        if (expectContinue && (chunked || contentLength > 0)) await SendAsync(ContinueResponse).ConfigureAwait(false);
        if (chunked) await ReadChunkedBodyAsync(request).ConfigureAwait(false);
        else if (contentLength > 0) await ReadBodyAsync(request, contentLength).ConfigureAwait(false);
        return request;
    }

    private static readonly byte[] ContinueResponse = "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray();

    private static RuntimeApiRequest ParseHead(ReadOnlySpan<byte> head, out long contentLength, out bool chunked, out bool expectContinue)
    {
        contentLength = 0;
        chunked = false;
        expectContinue = false;
        var lineEnd = head.IndexOf("\r\n"u8);
        var requestLine = lineEnd < 0 ? head : head[..lineEnd];
        var firstSpace = requestLine.IndexOf((byte)' ');
        var lastSpace = requestLine.LastIndexOf((byte)' ');
        if (firstSpace <= 0 || lastSpace <= firstSpace) throw new InvalidDataException("bad request line");
        var target = requestLine[(firstSpace + 1)..lastSpace];
        var query = target.IndexOf((byte)'?');
        if (query >= 0) target = target[..query];
        var request = new RuntimeApiRequest
        {
            Method = Encoding.ASCII.GetString(requestLine[..firstSpace]),
            Path = Encoding.UTF8.GetString(target),
            KeepAlive = !requestLine[(lastSpace + 1)..].SequenceEqual("HTTP/1.0"u8),
        };

        var rest = lineEnd < 0 ? ReadOnlySpan<byte>.Empty : head[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlySpan<byte>.Empty : rest[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0) continue;
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (name.SequenceEqual("Content-Length"u8) || Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                if (!Utf8Parser.TryParse(value, out contentLength, out var used) || used != value.Length || contentLength < 0)
                    throw new InvalidDataException("bad content-length");
            }
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
                chunked = Ascii.EqualsIgnoreCase(value, "chunked"u8);
            else if (Ascii.EqualsIgnoreCase(name, "content-type"u8))
                request.ContentType = Encoding.UTF8.GetString(value);
            else if (Ascii.EqualsIgnoreCase(name, "lambda-runtime-function-error-type"u8))
                request.FunctionErrorType = Encoding.UTF8.GetString(value);
            else if (Ascii.EqualsIgnoreCase(name, "lambda-runtime-function-response-mode"u8))
                request.ResponseMode = Encoding.UTF8.GetString(value);
            else if (Ascii.EqualsIgnoreCase(name, "expect"u8))
                expectContinue = Ascii.EqualsIgnoreCase(value, "100-continue"u8);
            else if (Ascii.EqualsIgnoreCase(name, "connection"u8))
            {
                if (Ascii.EqualsIgnoreCase(value, "close"u8)) request.KeepAlive = false;
                else if (Ascii.EqualsIgnoreCase(value, "keep-alive"u8)) request.KeepAlive = true;
            }
        }
        return request;
    }

    private async ValueTask ReadBodyAsync(RuntimeApiRequest request, long length)
    {
        request.BodyLength = length;
        if (length > LambdaLimits.MaxResponseBytes)
        {
            request.BodyTooLarge = true;
            await DiscardAsync(length).ConfigureAwait(false);
            return;
        }
        var body = new byte[length];
        var filled = 0;
        while (filled < length)
        {
            if (_end == _start && !await FillAsync().ConfigureAwait(false)) throw new InvalidDataException("truncated body");
            var take = (int)Math.Min(length - filled, _end - _start);
            _buffer.AsSpan(_start, take).CopyTo(body.AsSpan(filled));
            _start += take;
            filled += take;
        }
        request.Body = body;
    }

    private async ValueTask ReadChunkedBodyAsync(RuntimeApiRequest request)
    {
        var body = new ArrayBufferWriter<byte>();
        long total = 0;
        while (true)
        {
            var line = await ReadLineAsync().ConfigureAwait(false);
            var semicolon = line.IndexOf(';');
            var sizeText = semicolon >= 0 ? line[..semicolon] : line;
            if (!long.TryParse(sizeText.Trim(), System.Globalization.NumberStyles.HexNumber, null, out var size) || size < 0)
                throw new InvalidDataException("bad chunk size");
            if (size == 0)
            {
                while ((await ReadLineAsync().ConfigureAwait(false)).Length > 0) { } // trailers
                break;
            }
            total += size;
            if (total > LambdaLimits.MaxResponseBytes)
            {
                request.BodyTooLarge = true;
                await DiscardAsync(size).ConfigureAwait(false);
            }
            else
            {
                var remaining = size;
                while (remaining > 0)
                {
                    if (_end == _start && !await FillAsync().ConfigureAwait(false)) throw new InvalidDataException("truncated chunk");
                    var take = (int)Math.Min(remaining, _end - _start);
                    body.Write(_buffer.AsSpan(_start, take));
                    _start += take;
                    remaining -= take;
                }
            }
            await ReadLineAsync().ConfigureAwait(false);
        }
        request.BodyLength = total;
        request.Body = request.BodyTooLarge ? [] : body.WrittenSpan.ToArray();
    }

    private async ValueTask<string> ReadLineAsync()
    {
        int end;
        while ((end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
        {
            if (_end - _start > MaxHeaderBytes) throw new InvalidDataException("line too long");
            if (!await FillAsync().ConfigureAwait(false)) throw new InvalidDataException("truncated");
        }
        var line = Encoding.ASCII.GetString(_buffer, _start, end);
        _start += end + 2;
        return line;
    }

    private async ValueTask DiscardAsync(long length)
    {
        while (length > 0)
        {
            if (_end == _start && !await FillAsync().ConfigureAwait(false)) throw new InvalidDataException("truncated body");
            var take = (int)Math.Min(length, _end - _start);
            _start += take;
            length -= take;
        }
    }

    /// <summary>Reads more bytes into the buffer (compacting or growing it); false at end of stream.</summary>
    private async ValueTask<bool> FillAsync()
    {
        if (_start == _end) _start = _end = 0;
        if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            else
            {
                var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }
        }
        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None).ConfigureAwait(false);
        if (read == 0) return false;
        _end += read;
        return true;
    }

    /// <summary>Closes the socket; the read loop then ends and releases the buffer.</summary>
    public void Abort()
    {
        try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
        _socket.Dispose();
    }

    private void Release()
    {
        _socket.Dispose();
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }
}
