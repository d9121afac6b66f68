namespace DevTools.Engine.Isolation;

/// <summary>
/// The engine's scratch root (one per engine process), holding each environment's files.
/// Roots left by engines that died are removed (unmounting what they left mounted) when the next engine starts.
/// </summary>
public static class EngineWorkspace
{
    public static string Create(string parent, string engineName)
    {
        Directory.CreateDirectory(parent);
        RemoveStaleRoots(parent);
        var root = Path.Combine(parent, engineName);
        Directory.CreateDirectory(root);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return root;
    }

    public static void Delete(string root)
    {
        UnmountBelow(root);
        try { Directory.Delete(root, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static void RemoveStaleRoots(string parent)
    {
        foreach (var dir in Directory.EnumerateDirectories(parent, "engine-*"))
        {
            var parts = Path.GetFileName(dir).Split('-');
            if (parts.Length < 2 || !int.TryParse(parts[1], out var pid)) continue;
            if (pid == Environment.ProcessId || Native.ProcessExists(pid)) continue;
            Delete(dir);
        }
    }

    /// <summary>Detaches every mount under a directory (a dead engine's /tmp filesystems).</summary>
    private static void UnmountBelow(string root)
    {
        if (!OperatingSystem.IsLinux()) return;
        var prefix = root.TrimEnd('/') + "/";
        string[] lines;
        try { lines = File.ReadAllLines("/proc/self/mountinfo"); }
        catch (IOException) { return; }
        foreach (var line in lines)
        {
            var fields = line.Split(' ');
            if (fields.Length > 4 && fields[4].Replace("\\040", " ").StartsWith(prefix, StringComparison.Ordinal))
                Native.Unmount(fields[4].Replace("\\040", " "));
        }
    }
}
