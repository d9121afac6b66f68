namespace DevTools.Engine.Isolation;

/// <summary>How a process ended: its exit code, and that code as Lambda words it (<c>exit status 1</c>, <c>signal: killed</c>).</summary>
internal readonly record struct ProcessExit(int Code, string Description);
