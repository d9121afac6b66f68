namespace DevTools.Engine.Http;

/// <summary>A request this server cannot read as HTTP/1.1; the connection answers with the status, then closes.</summary>
public sealed class InvalidHttpRequestException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
