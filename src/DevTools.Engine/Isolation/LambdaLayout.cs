namespace DevTools.Engine.Isolation;

/// <summary>
/// Lambda's file layout inside an environment: the function's code at <c>/var/task</c> (read-only), the runtime client
/// at <c>/var/runtime</c>, the layers at <c>/opt</c> (read-only). An environment with its own mount namespace sees its
/// folders there; the mount points must exist on the host (<c>/opt</c> does; the others are made once, empty, as root).
/// </summary>
public static class LambdaLayout
{
    public const string TaskRoot = "/var/task";
    public const string RuntimeRoot = "/var/runtime";
    public const string Opt = "/opt";

    private static readonly Lazy<bool> CanMount = new(() =>
    {
        try
        {
            foreach (var folder in new[] { TaskRoot, RuntimeRoot, Opt }) Directory.CreateDirectory(folder);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    });

    /// <summary>Whether environments with a mount namespace can see Lambda's paths (else they see the real folders).</summary>
    public static bool Available => CanMount.Value;

    /// <summary>The code and the layers are read-only on Lambda, and so are the files names resolve by; the runtime client keeps its bytecode cache.</summary>
    public static bool IsReadOnly(string target) => target is TaskRoot or Opt or Network.NameResolution.HostsFile or Network.NameResolution.ResolverFile;
}
