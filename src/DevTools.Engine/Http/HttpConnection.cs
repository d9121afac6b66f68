using System.Buffers;
using System.Buffers.Text;
using System.Net.Sockets;
using System.Text;

namespace DevTools.Engine.Http;

/// <summary>
/// The server side of one keep-alive HTTP/1.1 connection on loopback: requests are read in order on a pooled
/// buffer (head first, then the body under a limit the API picks from the head), responses go out as whole blocks.
/// Shared by the Runtime API and the Invoke API: one parser, fuzzed once.
/// </summary>
public sealed class HttpConnection
{
    private const long UnreadBodyDrainLimit = 64L * 1024 * 1024;
    private static readonly byte[] ContinueResponse = "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray();
    private readonly Socket _socket;
    private readonly int _maxHeaderBytes;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(8 * 1024);
    private int _start;
    private int _end;
    private Task<bool>? _pendingRead; // a read left running while a request is served, to notice the client going away
    private HttpRequest? _unreadBody; // the last request, until its body has been read

    public HttpConnection(Socket socket, int maxHeaderBytes)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _maxHeaderBytes = maxHeaderBytes;
    }

    /// <summary>The caller's address (an HTTP front end passes it on as the source IP).</summary>
    public System.Net.IPEndPoint? RemoteEndPoint => _socket.RemoteEndPoint as System.Net.IPEndPoint;

    /// <summary>Set when a request's body was left unread: the connection cannot carry another request.</summary>
    public bool MustClose { get; private set; }

    /// <summary>Reads the next request's head; null when the client closed the connection between requests.</summary>
    /// <exception cref="InvalidHttpRequestException">The bytes are not an HTTP/1.x request this server accepts.</exception>
    public async ValueTask<HttpRequest?> ReadHeadAsync()
    {
        if (_pendingRead is { } pending)
        {
            _pendingRead = null;
            if (!await pending.ConfigureAwait(false) && _start == _end) return null;
        }
        if (_unreadBody is { ExpectsContinue: true } waiting && (waiting.Chunked || waiting.ContentLength > 0))
            return null; // its client waits for a 100 Continue that will not come: it cannot send another request here
        if (_unreadBody is { } unread)
        {
            // The API answered without reading the body (e.g. an unknown operation): drop it, or the bytes would read as a request.
            await ReadBodyAsync(unread, limit: 0, drainLimit: UnreadBodyDrainLimit).ConfigureAwait(false);
            if (MustClose) return null;
        }
        int headEnd;
        while ((headEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_end - _start > _maxHeaderBytes) throw new InvalidHttpRequestException(431, "The request's headers are too large.");
            if (!await FillAsync().ConfigureAwait(false))
            {
                if (_start == _end) return null;
                throw new InvalidHttpRequestException(400, "The connection closed in the middle of a request head.");
            }
        }
        if (headEnd > _maxHeaderBytes) throw new InvalidHttpRequestException(431, "The request's headers are too large.");
        var request = HttpHeadParser.Parse(_buffer.AsSpan(_start, headEnd));
        _start += headEnd + 4;
        _unreadBody = request;
        return request;
    }

    /// <summary>
    /// Reads the body. Over <paramref name="limit"/> the request is marked <see cref="HttpRequest.BodyTooLarge"/> and the
    /// rest is read and dropped, so the answer reaches a client still sending; a body over <paramref name="drainLimit"/>
    /// is left unread instead (the connection closes after the answer).
    /// </summary>
    public async ValueTask ReadBodyAsync(HttpRequest request, long limit, long drainLimit = long.MaxValue)
    {
        _unreadBody = null;
        if (request.ContentLength is { } declared && declared > limit)
        {
            request.BodyTooLarge = true;
            request.BodyLength = declared;
            if (declared > drainLimit)
            {
                MustClose = true;
                return;
            }
        }
        if (request.ExpectsContinue && (request.Chunked || request.ContentLength > 0)) await SendAsync(ContinueResponse).ConfigureAwait(false);
        if (request.Chunked) await ReadChunkedBodyAsync(request, limit, drainLimit).ConfigureAwait(false);
        else if (request.ContentLength is > 0 and var length)
        {
            if (request.BodyTooLarge) await DiscardAsync(length).ConfigureAwait(false);
            else await ReadFixedBodyAsync(request, length).ConfigureAwait(false);
        }
    }

    /// <summary>A token cancelled if the client closes the connection while its request is served (it reads ahead to notice).</summary>
    public CancellationToken WatchForClose()
    {
        var closed = new CancellationTokenSource();
        var read = FillAsync().AsTask();
        _pendingRead = read;
        read.ContinueWith(static (task, state) =>
        {
            var source = (CancellationTokenSource)state!;
            if (task.IsFaulted || !task.Result) source.Cancel();
            source.Dispose();
        }, closed, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return closed.Token;
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None).ConfigureAwait(false);
            data = data[sent..];
        }
    }

    /// <summary>Sends what can be sent; a client that went away is not an error of the server's.</summary>
    public async ValueTask TrySendAsync(ReadOnlyMemory<byte> data)
    {
        try { await SendAsync(data).ConfigureAwait(false); }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
    }

    /// <summary>Closes the socket; a read in progress ends and the connection's loop finishes.</summary>
    public void Abort()
    {
        try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
        _socket.Dispose();
    }

    /// <summary>Closes the socket and returns the buffer to the pool (once no read can still be using it).</summary>
    public async ValueTask CloseAsync()
    {
        _socket.Dispose();
        if (_pendingRead is { } pending) await ((Task)pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    private async ValueTask ReadFixedBodyAsync(HttpRequest request, long length)
    {
        var body = new byte[length];
        var filled = 0;
        while (filled < length)
        {
            if (_end == _start && !await FillAsync().ConfigureAwait(false)) throw new InvalidHttpRequestException(400, "The connection closed in the middle of a request body.");
            var take = (int)Math.Min(length - filled, _end - _start);
            _buffer.AsSpan(_start, take).CopyTo(body.AsSpan(filled));
            _start += take;
            filled += take;
        }
        request.Body = body;
        request.BodyLength = length;
    }

    private async ValueTask ReadChunkedBodyAsync(HttpRequest request, long limit, long drainLimit)
    {
        var body = new ArrayBufferWriter<byte>();
        long total = 0;
        while (true)
        {
            var line = await ReadLineAsync().ConfigureAwait(false);
            var semicolon = line.IndexOf(';');
            var sizeText = (semicolon >= 0 ? line[..semicolon] : line).Trim();
            if (!long.TryParse(sizeText, System.Globalization.NumberStyles.AllowHexSpecifier, null, out var size) || size < 0)
                throw new InvalidHttpRequestException(400, "A chunk size is not a hexadecimal number.");
            if (size == 0)
            {
                while ((await ReadLineAsync().ConfigureAwait(false)).Length > 0) { } // trailers
                break;
            }
            total += size;
            if (total > limit)
            {
                request.BodyTooLarge = true;
                if (total > drainLimit)
                {
                    MustClose = true;
                    break;
                }
                await DiscardAsync(size).ConfigureAwait(false);
            }
            else
            {
                var remaining = size;
                while (remaining > 0)
                {
                    if (_end == _start && !await FillAsync().ConfigureAwait(false)) throw new InvalidHttpRequestException(400, "The connection closed in the middle of a chunk.");
                    var take = (int)Math.Min(remaining, _end - _start);
                    body.Write(_buffer.AsSpan(_start, take));
                    _start += take;
                    remaining -= take;
                }
            }
            if ((await ReadLineAsync().ConfigureAwait(false)).Length > 0) throw new InvalidHttpRequestException(400, "A chunk is longer than its size.");
        }
        request.BodyLength = total;
        request.Body = request.BodyTooLarge ? [] : body.WrittenSpan.ToArray();
    }

    private async ValueTask<string> ReadLineAsync()
    {
        int end;
        while ((end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
        {
            if (_end - _start > _maxHeaderBytes) throw new InvalidHttpRequestException(400, "A chunk line is too long.");
            if (!await FillAsync().ConfigureAwait(false)) throw new InvalidHttpRequestException(400, "The connection closed in the middle of a chunked body.");
        }
        var line = Encoding.ASCII.GetString(_buffer, _start, end);
        _start += end + 2;
        return line;
    }

    private async ValueTask DiscardAsync(long length)
    {
        while (length > 0)
        {
            if (_end == _start && !await FillAsync().ConfigureAwait(false)) throw new InvalidHttpRequestException(400, "The connection closed in the middle of a request body.");
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
        int read;
        try { read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None).ConfigureAwait(false); }
        catch (SocketException) { return false; }
        catch (ObjectDisposedException) { return false; }
        if (read == 0) return false;
        _end += read;
        return true;
    }
}
