namespace DevTools.Engine.RuntimeApi;

/// <summary>
/// The runtime's state as the Runtime API sees it (names as RAPID prints them in 403 errors).
/// Started → (next) Ready → (event) Running → (response|error) ResponseSent → (next) Ready …;
/// Started → (init/error) InitError. Every other transition is refused with 403.
/// </summary>
public enum RuntimeState
{
    Started,
    Ready,
    Running,
    ResponseSent,
    InitError,
}

internal static class RuntimeStateNames
{
    public static string Name(this RuntimeState state) => state switch
    {
        RuntimeState.ResponseSent => "RuntimeResponseSent",
        _ => state.ToString(),
    };
}
