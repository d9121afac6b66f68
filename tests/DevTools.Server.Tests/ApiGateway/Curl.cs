using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace DevTools.Server.Tests.ApiGateway;

/// <summary>What curl got: the status, the headers in order, the body.</summary>
public sealed record CurlResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);
    public JsonElement Json() => JsonDocument.Parse(Body).RootElement;
    public string? Header(string name) => Headers.LastOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
    public IEnumerable<string> All(string name) => Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);
    public override string ToString() => $"{Status} {string.Join("; ", Headers.Select(h => h.Key + ": " + h.Value))}\n{Text}";
}

/// <summary>The real curl, as a user runs it against start-api.</summary>
public static class Curl
{
    public static async Task<CurlResponse> RunAsync(string url, params string[] arguments)
    {
        var head = Path.GetTempFileName();
        var body = Path.GetTempFileName();
        try
        {
            var psi = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in (string[])["-sS", "--max-time", "30", "-D", head, "-o", body, "-w", "%{http_code}", .. arguments, url]) psi.ArgumentList.Add(a);
            using var process = Process.Start(psi) ?? throw new InvalidOperationException("curl did not start");
            var status = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0) throw new InvalidOperationException($"curl {url} failed ({process.ExitCode}): {error}");
            var headers = (await File.ReadAllLinesAsync(head)).Skip(1).Where(l => l.Contains(':'))
                .Select(l => new KeyValuePair<string, string>(l[..l.IndexOf(':')], l[(l.IndexOf(':') + 1)..].Trim())).ToList();
            return new CurlResponse(int.Parse(status), headers, await File.ReadAllBytesAsync(body));
        }
        finally
        {
            File.Delete(head);
            File.Delete(body);
        }
    }
}
