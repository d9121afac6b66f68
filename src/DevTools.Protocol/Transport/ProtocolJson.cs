using System.Text.Json;
using System.Text.Json.Serialization;
using StreamJsonRpc;

namespace DevTools.Protocol.Transport;

/// <summary>
/// The one wire format of every transport (socket, named pipe, stdio): JSON-RPC 2.0 framed with
/// LSP's <c>Content-Length</c> headers, user data serialized by System.Text.Json in camelCase.
/// Server and clients build their message handlers here so the two sides cannot drift apart.
/// </summary>
public static class ProtocolJson
{
    /// <summary>camelCase names, nulls left out (LSP clients treat a missing and a null property alike).</summary>
    public static JsonSerializerOptions CreateSerializerOptions() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = true,
    };

    public static SystemTextJsonFormatter CreateFormatter() => new() { JsonSerializerOptions = CreateSerializerOptions() };

    /// <summary>A <c>Content-Length</c>-framed handler over one duplex stream (a socket or a pipe).</summary>
    public static IJsonRpcMessageHandler CreateMessageHandler(Stream duplex) =>
        new HeaderDelimitedMessageHandler(duplex, CreateFormatter());

    /// <summary>A <c>Content-Length</c>-framed handler over two streams (stdout to send, stdin to receive).</summary>
    public static IJsonRpcMessageHandler CreateMessageHandler(Stream sending, Stream receiving) =>
        new HeaderDelimitedMessageHandler(sending, receiving, CreateFormatter());
}
