namespace DevTools.Protocol.Transport;

/// <summary>How <c>devtools serve</c> exits: what the backend says and the client library that starts one reads.</summary>
public static class BackendExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;

    /// <summary>Another backend holds the workspace (a client that raced another one to start it can simply connect).</summary>
    public const int AlreadyRunning = 3;
}
