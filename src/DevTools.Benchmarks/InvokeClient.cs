using System.Diagnostics;
using System.Net.Http.Headers;

namespace DevTools.Benchmarks;

/// <summary>Invokes over Lambda's Invoke HTTP API with one keep-alive connection per client, timing each call.</summary>
internal sealed class InvokeClient : IDisposable
{
    private static readonly byte[] EmptyEvent = "{}"u8.ToArray();
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
        using var content = new ByteArrayContent(payload ?? EmptyEvent);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(_path, content);
        await response.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return response.IsSuccessStatusCode && !response.Headers.Contains("X-Amz-Function-Error") ? elapsed : -1;
    }

    /// <summary>Sequential invokes after a warm-up: the latencies of the measured ones, and the server's CPU per invoke (µs) when given its process.</summary>
    public async Task<SequentialRun> RunSequentialAsync(int warmup, int count, ProcessTreeCpu? server = null)
    {
        for (var i = 0; i < warmup; i++) await InvokeAsync();
        var samples = new List<double>(count);
        var errors = 0;
        server?.Start();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var ms = await InvokeAsync();
            if (ms < 0) errors++;
            else samples.Add(ms);
        }
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var cpu = server?.Elapsed();
        return new SequentialRun(new Stats(samples), count / seconds, errors,
            cpu is { } used ? (used.Root * 1e6 / count, used.Descendants * 1e6 / count) : null);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A sequential run: latencies, rate, errors, and the server's CPU per invoke in µs (its own process, its descendants).</summary>
internal sealed record SequentialRun(Stats Stats, double PerSecond, int Errors, (double Server, double Descendants)? CpuPerInvokeUs);
