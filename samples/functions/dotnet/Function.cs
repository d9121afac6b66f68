// .NET: the Lambda execution model in one class.
//
// Static fields are set once per execution environment, during its cold start. After each invoke the environment is
// frozen; the next invoke may thaw and reuse it, with everything below intact.
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HelloDotnet;

public static class Function
{
    private static readonly DateTime InitializedAt = DateTime.UtcNow;
    private static int _invocations;

    // A background task started at init. It only advances while the environment runs: compare
    // ticksSincePreviousInvoke with msSincePreviousInvoke after a pause between invokes.
    private static int _ticks;
    private static readonly Task Ticker = Task.Run(async () =>
    {
        while (true)
        {
            await Task.Delay(100);
            Interlocked.Increment(ref _ticks);
        }
    });
    private static (int Ticks, DateTime At)? _previous;

    // /tmp belongs to this environment and survives between its invokes (TMPDIR points at it).
    private static readonly string TmpFile = Path.Combine(Path.GetTempPath(), "dotnet-sample.txt");

    /// <summary>Handler string: <c>HelloDotnet::HelloDotnet.Function::Handler</c> (assembly::type::method).</summary>
    public static Stream Handler(Stream input)
    {
        var invocations = ++_invocations;
        var now = DateTime.UtcNow;
        var ticks = Volatile.Read(ref _ticks);
        var tmpFileBefore = File.Exists(TmpFile) ? File.ReadAllText(TmpFile) : null;
        File.WriteAllText(TmpFile, $"written by invocation {invocations}");

        var result = new JsonObject
        {
            ["greeting"] = Environment.GetEnvironmentVariable("GREETING"),
            ["runtime"] = RuntimeInformation.FrameworkDescription,
            ["initializedAt"] = InitializedAt.ToString("O"),
            ["invocations"] = invocations,
            ["tmpFileBefore"] = tmpFileBefore,
            ["ticks"] = ticks,
            ["ticksSincePreviousInvoke"] = _previous is { } p ? ticks - p.Ticks : null,
            ["msSincePreviousInvoke"] = _previous is { } q ? (int)(now - q.At).TotalMilliseconds : null,
            ["event"] = JsonNode.Parse(input),
        };
        _previous = (ticks, now);
        Console.WriteLine($"invocation {invocations}, {ticks} ticks so far ({(Ticker.IsCompleted ? "stopped" : "running")})");
        return new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(result));
    }
}
