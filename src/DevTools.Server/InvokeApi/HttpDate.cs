using System.Globalization;

namespace DevTools.Server.InvokeApi;

/// <summary>The <c>Date</c> header's value (RFC 1123), formatted once a second rather than once a response.</summary>
internal static class HttpDate
{
    private sealed record Stamp(long Second, string Text);

    private static Stamp _cached = new(-1, "");

    public static string Now()
    {
        var now = DateTimeOffset.UtcNow;
        var second = now.ToUnixTimeSeconds();
        var cached = Volatile.Read(ref _cached);
        if (cached.Second == second) return cached.Text;
        var fresh = new Stamp(second, now.ToString("r", CultureInfo.InvariantCulture));
        Volatile.Write(ref _cached, fresh);
        return fresh.Text;
    }
}
