using System.Diagnostics;
using DevTools.Benchmarks;

// The benchmark suite: `npm run bench` (see README). Prints a table and rewrites docs/performance.md.

// The engines hosted in this process (overhead, cold start) run with the socket setting the CLI uses (src/DevTools.Cli/Program.cs).
Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
string? peers = null, output = null, only = null, cli = null;
var extra = new List<string>();
var quick = false;
int soakRequests = 100_000, soakClients = 64;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--peers": peers = args[++i]; break;
        case "--cli": cli = args[++i]; break;
        case "--out": output = args[++i]; break;
        case "--quick": quick = true; break;
        case "--only": only = args[++i]; break;
        case "--engine-arg": extra.Add(args[++i]); break;
        case "--requests": soakRequests = int.Parse(args[++i]); break;
        case "--clients": soakClients = int.Parse(args[++i]); break;
    }
}

var settings = quick
    ? new Settings { PeersDirectory = peers, Warmup = 50, WarmInvokes = 300, ColdStarts = 3, ScaleClients = [1, 16], ScaleSeconds = 2 }
    : new Settings { PeersDirectory = peers };
settings = settings with { EngineArguments = extra.ToArray(), CliDll = cli ?? settings.CliDll };
var report = new Report();
var benchmarks = new Benchmarks(report, settings);
var stopwatch = Stopwatch.StartNew();
if (only is null or "warm") await benchmarks.WarmHttpAsync();
if (only is null or "overhead") await benchmarks.EngineOverheadAsync();
if (only is null or "cold") await benchmarks.ColdStartAsync();
if (only is null or "startup") await benchmarks.StartupAsync();
if (only is null or "jsonrpc") await benchmarks.JsonRpcAsync();
if (only is null or "powershell") await benchmarks.PowerShellAsync();
// Last: tearing down 256 environments keeps the machine busy for a while after the level ends.
if (only is null or "scale") await benchmarks.ScaleAsync();
if (only == "soak") await benchmarks.SoakAsync(soakRequests, soakClients);

if (output is not null && only != "soak")
{
    await File.WriteAllTextAsync(output, report.ToMarkdown("npm run bench", stopwatch.Elapsed));
    Console.WriteLine($"wrote {output}");
}
