using DevTools.Engine;
using DevTools.Tests.Shared;

namespace DevTools.Benchmarks.Scenarios;

/// <summary>The full soak (`npm run soak`): prints what held; the reduced one runs in CI as an xUnit test.</summary>
internal static class SoakBenchmark
{
    public static async Task RunAsync(int requests, int clients)
    {
        var options = new EngineOptions { WatchCode = false, ConcurrencyLimit = clients, AsyncRetryDelays = [TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)] };
        await using var engine = new LambdaEngine(TestFunctions.Catalog(TestFunctions.Probe()), options);
        var outcome = await new Soak(engine, "Probe").RunAsync(requests, clients, asyncShare: 0.3, killEveryRequests: 100,
            progress: Console.WriteLine);
        Console.WriteLine(outcome);
        var bounded = outcome.After.ChildProcesses == 0 && outcome.After.FileDescriptors <= outcome.Before.FileDescriptors + 16
            && outcome.After.Threads <= outcome.Before.Threads + 24 && outcome.After.ManagedBytes <= outcome.Before.ManagedBytes + 64L * 1024 * 1024;
        Console.WriteLine(outcome.AllAnsweredOnce && bounded ? "soak: held" : "soak: FAILED");
        if (!outcome.AllAnsweredOnce || !bounded) Environment.ExitCode = 1;
    }
}
