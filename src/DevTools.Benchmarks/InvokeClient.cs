using System.Diagnostics;
using System.Net.Http.Headers;

namespace DevTools.Benchmarks;

/// <summary>Invokes over Lambda's Invoke HTTP API with one keep-alive connection per client, timing each call.</summary>
internal sealed class InvokeClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _path;

    public InvokeClient(string baseAddress, string functionName)
    {
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = new Uri(baseAddress),
            Timeout = TimeSpan.FromSeconds(60),
        };
        _path = $"/2015-03-31/functions/{functionName}/invocations";
    }

    /// <summary>One invoke; returns its latency in ms, or a negative number when it failed.</summary>
    public async Task<double> InvokeAsync(byte[]? payload = null)
    {
        var start = Stopwatch.GetTimestamp();
        using var content = new ByteArrayContent(payload ?? BenchmarkFunctions.EmptyEvent);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(_path, content);
        await response.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return response.IsSuccessStatusCode && !response.Headers.Contains("X-Amz-Function-Error") ? elapsed : -1;
    }

    public void Dispose() => _http.Dispose();
}

