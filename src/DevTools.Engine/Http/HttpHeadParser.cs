using System.Buffers.Text;
using System.Text;

namespace DevTools.Engine.Http;

/// <summary>Parses a request head (request line and headers, without the blank line) strictly enough that nothing ambiguous gets through.</summary>
internal static class HttpHeadParser
{
    public static HttpRequest Parse(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var requestLine = lineEnd < 0 ? head : head[..lineEnd];
        var firstSpace = requestLine.IndexOf((byte)' ');
        var lastSpace = requestLine.LastIndexOf((byte)' ');
        if (firstSpace <= 0 || lastSpace <= firstSpace) throw new InvalidHttpRequestException(400, "The request line is malformed.");
        var method = requestLine[..firstSpace];
        var target = requestLine[(firstSpace + 1)..lastSpace];
        var version = requestLine[(lastSpace + 1)..];
        if (!IsToken(method)) throw new InvalidHttpRequestException(400, "The request method is malformed.");
        if (target.IsEmpty || target[0] != (byte)'/' || target.IndexOfAnyExceptInRange((byte)'!', (byte)'~') >= 0)
            throw new InvalidHttpRequestException(400, "The request target is malformed.");
        var http10 = version.SequenceEqual("HTTP/1.0"u8);
        if (!http10 && !version.SequenceEqual("HTTP/1.1"u8)) throw new InvalidHttpRequestException(505, "Only HTTP/1.0 and HTTP/1.1 are served.");

        var query = target.IndexOf((byte)'?');
        var headers = new List<KeyValuePair<string, string>>(8);
        long? contentLength = null;
        var chunked = false;
        var expectContinue = false;
        var keepAlive = !http10;
        var rest = lineEnd < 0 ? ReadOnlySpan<byte>.Empty : head[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlySpan<byte>.Empty : rest[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsToken(line[..colon])) throw new InvalidHttpRequestException(400, "A header line is malformed.");
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                if (!Utf8Parser.TryParse(value, out long length, out var used) || used != value.Length || length < 0 || (contentLength is { } seen && seen != length))
                    throw new InvalidHttpRequestException(400, "Content-Length is not a valid length.");
                contentLength = length;
            }
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                if (!Ascii.EqualsIgnoreCase(value, "chunked"u8)) throw new InvalidHttpRequestException(400, "Only the chunked transfer coding is served.");
                chunked = true;
            }
            else if (Ascii.EqualsIgnoreCase(name, "expect"u8))
                expectContinue = Ascii.EqualsIgnoreCase(value, "100-continue"u8);
            else if (Ascii.EqualsIgnoreCase(name, "connection"u8))
            {
                if (Ascii.EqualsIgnoreCase(value, "close"u8)) keepAlive = false;
                else if (Ascii.EqualsIgnoreCase(value, "keep-alive"u8)) keepAlive = true;
            }
            headers.Add(new(Encoding.ASCII.GetString(name), Encoding.UTF8.GetString(value)));
        }
        // Both framings at once is how requests get smuggled: refuse rather than pick one.
        if (chunked && contentLength is not null) throw new InvalidHttpRequestException(400, "A request cannot have both Content-Length and Transfer-Encoding.");

        return new HttpRequest
        {
            Method = Encoding.ASCII.GetString(method),
            Path = Encoding.ASCII.GetString(query < 0 ? target : target[..query]),
            Query = query < 0 ? "" : Encoding.ASCII.GetString(target[(query + 1)..]),
            Headers = headers,
            KeepAlive = keepAlive,
            ContentLength = chunked ? null : contentLength ?? 0,
            Chunked = chunked,
            ExpectsContinue = expectContinue,
        };
    }

    // RFC 9110 token characters: visible ASCII except separators.
    private static bool IsToken(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty) return false;
        foreach (var b in text)
            if (b <= 32 || b >= 127 || "\"(),/:;<=>?@[\\]{}"u8.Contains(b)) return false;
        return true;
    }
}
