namespace DevTools.Engine.Isolation;

/// <summary>Names of the isolation mechanisms an environment can be run under, strongest first.</summary>
public static class IsolationLevel
{
    /// <summary>The runtime runs in its own session and process group; SIGSTOP/SIGCONT freeze the group.</summary>
    public const string ProcessGroup = "process-group";

    /// <summary>No way to freeze here (e.g. Windows): processes keep running between invokes.</summary>
    public const string None = "none";
}
