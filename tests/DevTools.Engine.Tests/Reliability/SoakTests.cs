using DevTools.Tests.Shared;
using Xunit.Abstractions;

namespace DevTools.Engine.Tests.Reliability;

/// <summary>The soak, reduced for CI (the full one is `npm run soak`): nothing lost or duplicated, nothing left growing.</summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task MixedInvokesWithRandomKillsAreEachAnsweredOnceAndLeaveNothingGrowing()
    {
        const int clients = 16;
        var options = new EngineOptions
        {
            WatchCode = false,
            ConcurrencyLimit = clients,
            AsyncRetryDelays = [TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)],
        };
        await using var engine = new LambdaEngine(TestFunctions.Catalog(TestFunctions.Probe()), options);

        var outcome = await new Soak(engine, "Probe").RunAsync(requests: 3_000, clients, asyncShare: 0.3, killEveryRequests: 100, progress: output.WriteLine);

        output.WriteLine(outcome.ToString());
        Assert.True(outcome.AllAnsweredOnce, outcome.ToString());
        Assert.True(outcome.Kills > 0, outcome.ToString());
        Assert.True(outcome.SyncFunctionErrors > 0, "the kills must have hit some invokes: " + outcome); // and those were answered, with Runtime.ExitError
        Assert.Equal(0, outcome.After.ChildProcesses);
        Assert.InRange(outcome.After.FileDescriptors, 0, outcome.Before.FileDescriptors + 16);
        Assert.InRange(outcome.After.Threads, 0, outcome.Before.Threads + 24);
        Assert.InRange(outcome.After.ManagedBytes, 0, outcome.Before.ManagedBytes + 64L * 1024 * 1024);
    }
}
