using System.Globalization;
using DevTools.Engine.Events;
using DevTools.Engine.Isolation;

namespace DevTools.Engine.Environments;

/// <summary>A phase that ended without the runtime's answer, in Lambda's terms: what the caller gets, the status the
/// platform records carry, and why the environment is reset.</summary>
internal sealed record RuntimeFailure(RuntimeAnswer Answer, string Status, EnvironmentReason Reason, string Detail)
{
    public string ErrorType => Answer.ErrorType!;

    /// <summary>
    /// An invoke the runtime did not answer: killed by the kernel at the memory limit (Lambda reports it as a SIGKILL
    /// exit), still running at the deadline (a timeout), or exited (a crash).
    /// </summary>
    /// <param name="exit">How the runtime ended; null while it still runs.</param>
    /// <param name="killedAtMemoryLimit">The memory cgroup counted an OOM kill since the runtime was last seen healthy.</param>
    public static RuntimeFailure OfInvoke(string requestId, ProcessExit? exit, bool killedAtMemoryLimit, int timeoutSeconds, int memorySizeMb)
    {
        if (exit is { } killed && killedAtMemoryLimit)
            return new(RuntimeAnswer.Error("Runtime.ExitError", $"RequestId: {requestId} Error: Runtime exited with error: signal: killed"),
                PlatformStatus.Error, EnvironmentReason.OutOfMemory, $"out of memory: the {memorySizeMb} MB limit was reached");
        if (exit is not { } ended)
        {
            var seconds = Seconds(timeoutSeconds);
            return new(RuntimeAnswer.Error("Sandbox.Timedout", $"RequestId: {requestId} Error: Task timed out after {seconds} seconds"),
                PlatformStatus.Timeout, EnvironmentReason.Timeout, $"task timed out after {seconds} seconds");
        }
        var message = ended.Code == 0
            ? $"RequestId: {requestId} Error: Runtime exited without providing a reason"
            : $"RequestId: {requestId} Error: Runtime exited with error: {ended.Description}";
        return new(RuntimeAnswer.Error("Runtime.ExitError", message), PlatformStatus.Error, EnvironmentReason.Crash, ended.Description);
    }

    /// <summary>An init that did not reach <c>/next</c>: the runtime posted an init error, exited, or ran out of time.</summary>
    /// <param name="posted">What the runtime posted to <c>/init/error</c>, if it did.</param>
    public static RuntimeFailure OfInit(RuntimeAnswer? posted, ProcessExit? exit, TimeSpan limit)
    {
        if (posted is not null) return new(posted, PlatformStatus.Error, EnvironmentReason.InitFailed, posted.ErrorType!);
        if (exit is { } ended)
            return new(RuntimeAnswer.Error("Runtime.ExitError", $"Runtime exited with error: {ended.Description}"),
                PlatformStatus.Error, EnvironmentReason.InitFailed, "Runtime.ExitError");
        return new(RuntimeAnswer.Error("Sandbox.Timedout", $"Init timed out after {Seconds(limit.TotalSeconds)} seconds"),
            PlatformStatus.Timeout, EnvironmentReason.InitFailed, "Sandbox.Timedout");
    }

    private static string Seconds(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture);
}
