using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using DevTools.Engine;
using DevTools.Engine.Events;
using DevTools.Engine.Invocation;

namespace DevTools.Tests.Shared;

/// <summary>
/// The soak: many invokes, sync and async mixed, from many concurrent clients, while environments are
/// SIGKILLed at random. Checks that every request is answered exactly once and that processes, file
/// descriptors, threads and memory come back within a fixed bound. Used by a reduced xUnit test and by
/// the full `npm run soak` (100,000 invokes, 64 clients).
/// </summary>
public sealed class Soak(LambdaEngine engine, string functionName)
{
    public sealed record Outcome(
        int Requests, int SyncAnswered, int SyncFunctionErrors, int Throttled, int AsyncAccepted, int AsyncCompleted,
        int DuplicateAnswers, int Kills, TimeSpan Took, Resources Before, Resources After)
    {
        public bool AllAnsweredOnce => DuplicateAnswers == 0 && SyncAnswered + Throttled + AsyncAccepted == Requests && AsyncCompleted == AsyncAccepted;

        public override string ToString() =>
            $"{Requests} requests in {Took.TotalSeconds:0.0} s ({Requests / Took.TotalSeconds:0}/s): {SyncAnswered} sync answered ({SyncFunctionErrors} function errors), " +
            $"{Throttled} throttled, {AsyncAccepted} async accepted and {AsyncCompleted} completed, {DuplicateAnswers} duplicates, {Kills} environments killed; " +
            $"before {Before}, after {After}";
    }

    public sealed record Resources(int FileDescriptors, int Threads, long ManagedBytes, long WorkingSetBytes, int ChildProcesses)
    {
        public override string ToString() =>
            $"{FileDescriptors} fds, {Threads} threads, {ManagedBytes / 1024 / 1024} MB managed, {WorkingSetBytes / 1024 / 1024} MB RSS, {ChildProcesses} child processes";

        public static Resources Measure()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var self = Process.GetCurrentProcess();
            return new Resources(Directory.GetFiles("/proc/self/fd").Length, self.Threads.Count, GC.GetTotalMemory(true), self.WorkingSet64, CountChildRuntimes());
        }

        /// <summary>
        /// Processes started by this process that are still alive (runtimes), the watchdog shell and the slirp4netns of the
        /// network namespaces kept ready for the next environments aside (the no-orphan tests see those go with the engine).
        /// </summary>
        public static int CountChildRuntimes()
        {
            var me = Environment.ProcessId.ToString();
            var count = 0;
            foreach (var dir in Directory.GetDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    if (fields[1] != me || fields[0] == "Z") continue;
                    var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline"));
                    if (commandLine.Contains("watchdog.sh") || commandLine.Split('\0')[0].EndsWith("slirp4netns", StringComparison.Ordinal)) continue;
                    count++;
                }
                catch (IOException) { }
            }
            return count;
        }
    }

    public async Task<Outcome> RunAsync(int requests, int clients, double asyncShare, int killEveryRequests, CancellationToken cancellationToken = default,
        Action<string>? progress = null, TimeSpan? progressEvery = null)
    {
        var completed = new ConcurrentDictionary<string, int>();
        int created = 0, retired = 0;
        using var subscription = engine.Events.Subscribe(e =>
        {
            if (e is AsyncInvokeCompleted { RequestId: { } id }) completed.AddOrUpdate(id, 1, (_, n) => n + 1);
            else if (e is EnvironmentCreated) Interlocked.Increment(ref created);
            else if (e is EnvironmentRetired) Interlocked.Increment(ref retired);
        });

        // Environments stop once their invoke has wound down (a caller has its answer before that): resources are
        // measured when every environment created has been retired, within a bound.
        async Task SettleAsync()
        {
            var settled = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            await engine.StopEnvironmentsAsync();
            while (Volatile.Read(ref retired) < Volatile.Read(ref created) && DateTime.UtcNow < settled)
            {
                await Task.Delay(50, cancellationToken);
                await engine.StopEnvironmentsAsync();
            }
        }

        // Warm up once, so the baseline includes the engine's steady state.
        await engine.InvokeAsync(new InvokeRequest { FunctionName = functionName });
        await SettleAsync();
        var before = Resources.Measure();

        var answered = new ConcurrentDictionary<string, int>();
        var accepted = new ConcurrentBag<string>();
        int syncAnswered = 0, functionErrors = 0, throttled = 0, next = -1, kills = 0;
        void KillOne(Random random)
        {
            var victims = engine.ListEnvironments().Where(e => e.Pid is not null).ToList();
            if (victims.Count == 0) return;
            try
            {
                using var victim = Process.GetProcessById(victims[random.Next(victims.Count)].Pid!.Value);
                victim.Kill();
                Interlocked.Increment(ref kills);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
        }

        using var stopProgress = new CancellationTokenSource();
        var reporter = progress is null ? Task.CompletedTask : new SoakProgress(engine,
            () => new SoakProgress.Counters(syncAnswered + accepted.Count + throttled, throttled, completed.Count, kills), progress)
            .RunAsync(progressEvery ?? TimeSpan.FromSeconds(5), stopProgress.Token);

        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(client);
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                if (i > 0 && i % killEveryRequests == 0) KillOne(random);
                var isAsync = random.NextDouble() < asyncShare;
                var payload = Encoding.UTF8.GetBytes($"{{\"action\":\"echo\",\"n\":{i}}}");
                try
                {
                    var request = new InvokeRequest
                    {
                        FunctionName = functionName,
                        Payload = payload,
                        InvocationType = isAsync ? InvocationType.Event : InvocationType.RequestResponse,
                    };
                    InvokeResult result;
                    for (var attempt = 0; ; attempt++)
                    {
                        // Like an AWS SDK: a throttled call is retried a few times with backoff; only its final answer counts.
                        try { result = await engine.InvokeAsync(request, cancellationToken); break; }
                        catch (LambdaServiceException e) when (e.StatusCode == 429 && attempt < 4) { await Task.Delay(20 << attempt, cancellationToken); }
                    }
                    answered.AddOrUpdate(result.RequestId, 1, (_, n) => n + 1);
                    if (isAsync) accepted.Add(result.RequestId);
                    else
                    {
                        Interlocked.Increment(ref syncAnswered);
                        if (result.FunctionError is not null) Interlocked.Increment(ref functionErrors);
                    }
                }
                catch (LambdaServiceException e) when (e.StatusCode == 429)
                {
                    Interlocked.Increment(ref throttled);
                }
            }
        }, cancellationToken)));

        // Every accepted Event invoke must finish (retries included) before the books are closed.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (engine.PendingAsyncInvokes > 0 && DateTime.UtcNow < deadline) await Task.Delay(50, cancellationToken);
        var took = stopwatch.Elapsed;
        stopProgress.Cancel();
        await reporter;

        await SettleAsync();
        var duplicates = answered.Values.Count(n => n > 1) + completed.Values.Count(n => n > 1);
        var (acceptedCount, completedCount) = (accepted.Count, accepted.Count(id => completed.ContainsKey(id)));
        // The soak's own books (an entry per request) are not the engine's memory.
        answered.Clear();
        completed.Clear();
        accepted.Clear();
        var after = Resources.Measure();
        return new Outcome(requests, syncAnswered, functionErrors, throttled, acceptedCount, completedCount, duplicates, kills, took, before, after);
    }
}
