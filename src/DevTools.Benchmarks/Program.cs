using System.Diagnostics;
using DevTools.Benchmarks;
using DevTools.Benchmarks.Scenarios;

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
// The scenarios of a full run, in its order, by the names `--only` selects.
(string Name, Func<Task> Run)[] suite =
[
    ("warm", new WarmHttpBenchmark(report, settings).RunAsync),
    ("api", new ApiBenchmark(report, settings).RunAsync),
    ("overhead", new EngineOverheadBenchmark(report, settings).RunAsync),
    ("cold", new ColdStartBenchmark(report, settings).RunAsync),
    ("runtimes", new RuntimesBenchmark(report, settings).RunAsync),
    ("startup", new StartupBenchmark(report, settings).RunAsync),
    ("jsonrpc", new JsonRpcBenchmark(report, settings).RunAsync),
    ("powershell", new PowerShellBenchmark(report, settings).RunAsync),
    // Last: tearing down 256 environments keeps the machine busy for a while after the level ends.
    ("scale", new ScaleBenchmark(report, settings).RunAsync),
];
var stopwatch = Stopwatch.StartNew();
foreach (var (name, run) in suite)
    if (only is null || only == name) await run();
if (only == "soak") await SoakBenchmark.RunAsync(soakRequests, soakClients); // never part of a full run

if (output is not null && only != "soak")
{
    await File.WriteAllTextAsync(output, report.ToMarkdown("npm run bench", stopwatch.Elapsed));
    Console.WriteLine($"wrote {output}");
}
