using DevTools.Engine.Events;
using DevTools.Engine.Invocation;

namespace DevTools.Engine.Environments;

/// <summary>
/// The caller's answer, in up to two steps: the function's answer as soon as it is known (when the caller waits for
/// neither the REPORT nor the log tail), then the same answer with the report's figures. Only the first one counts.
/// </summary>
internal readonly struct InvokeReply(TaskCompletionSource<InvokeResult> result, bool answerEarly)
{
    public void Answer(InvokeResult answer)
    {
        if (answerEarly) result.TrySetResult(answer);
    }

    public void Report(InvokeResult answer, InvokeMetrics metrics, string? logTail) =>
        result.TrySetResult(answer with { Metrics = metrics, LogTail = logTail });
}
