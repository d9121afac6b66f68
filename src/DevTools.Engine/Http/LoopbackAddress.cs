using System.Net;

namespace DevTools.Engine.Http;

/// <summary>The one rule for where this product's HTTP front ends listen: loopback addresses only.</summary>
public static class LoopbackAddress
{
    /// <exception cref="ArgumentException">The host is not a loopback address.</exception>
    public static IPAddress Resolve(string host, string what)
    {
        if (host is "localhost") return IPAddress.Loopback;
        if (!IPAddress.TryParse(host, out var address) || !IPAddress.IsLoopback(address))
            throw new ArgumentException($"Refusing to listen on '{host}': {what} only listens on loopback addresses (127.0.0.1, ::1, localhost).", nameof(host));
        return address;
    }
}
