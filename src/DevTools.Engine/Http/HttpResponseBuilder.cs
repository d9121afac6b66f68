using System.Buffers;
using System.Text;

namespace DevTools.Engine.Http;

/// <summary>Builds a whole HTTP/1.1 response (head and body) in one buffer, so it leaves in one write.</summary>
public sealed class HttpResponseBuilder
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public HttpResponseBuilder(int status, int capacity = 512)
    {
        _buffer = new ArrayBufferWriter<byte>(capacity);
        Ascii("HTTP/1.1 ");
        Ascii(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Ascii(" ");
        Ascii(ReasonPhrase(status));
        Ascii("\r\n");
    }

    /// <summary>Adds a header; CR and LF in the value are replaced, so a value can never start another header.</summary>
    public HttpResponseBuilder Header(string name, string value)
    {
        Ascii(name);
        Ascii(": ");
        var clean = value.AsSpan().IndexOfAny('\r', '\n') < 0 ? value : value.Replace('\r', ' ').Replace('\n', ' ');
        Encoding.UTF8.GetBytes(clean, _buffer);
        Ascii("\r\n");
        return this;
    }

    public HttpResponseBuilder Header(string name, long value) => Header(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Ends the head with Content-Type and Content-Length, then appends the body.</summary>
    public ReadOnlyMemory<byte> Finish(string? contentType, ReadOnlySpan<byte> body)
    {
        FinishHead(contentType, body.Length);
        _buffer.Write(body);
        return _buffer.WrittenMemory;
    }

    /// <summary>Ends the head only, for a body sent separately (too big to copy).</summary>
    public ReadOnlyMemory<byte> FinishHead(string? contentType, long contentLength)
    {
        if (contentType is not null) Header("Content-Type", contentType);
        Header("Content-Length", contentLength);
        Ascii("\r\n");
        return _buffer.WrittenMemory;
    }

    /// <summary>Ends a head that has no body and no Content-Length (a 204).</summary>
    public ReadOnlyMemory<byte> FinishWithoutBody()
    {
        Ascii("\r\n");
        return _buffer.WrittenMemory;
    }

    private void Ascii(string text) => Encoding.ASCII.GetBytes(text, _buffer);

    private static string ReasonPhrase(int status) => status switch
    {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        410 => "Gone",
        413 => "Request Entity Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        _ => "Unknown",
    };
}
