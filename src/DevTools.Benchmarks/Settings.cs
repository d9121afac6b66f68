namespace DevTools.Benchmarks;

/// <summary>How much each scenario measures (`--quick` makes a short run) and what it runs against.</summary>
internal sealed record Settings
{
    public string? PeersDirectory { get; init; }
    public int Warmup { get; init; } = 2000; // past tier-up: a server that stays up runs its steady-state code (so does V8)
    public int WarmInvokes { get; init; } = 5000;
    public int ColdStarts { get; init; } = 10;
    public int[] ScaleClients { get; init; } = [1, 16, 64, 256];
    public double ScaleSeconds { get; init; } = 8;

    /// <summary>Extra arguments for our server (e.g. --isolation process-group), to compare settings.</summary>
    public string[] EngineArguments { get; init; } = [];

    /// <summary>The CLI the servers run: the ReadyToRun build from bench.sh, else the one built next to the benchmarks.</summary>
    public string CliDll { get; init; } = Path.Combine(AppContext.BaseDirectory, "devtools.dll");
}
