namespace DevTools.Engine.Isolation;

/// <summary>
/// The engine's scratch root (one per engine process), holding each environment's files.
/// Roots left by engines that died are removed when the next engine starts.
/// </summary>
public static class EngineWorkspace
{
    public static string Create(string? baseDirectory = null)
    {
        var parent = baseDirectory ?? Path.Combine(Path.GetTempPath(), "lambda-devtools");
        Directory.CreateDirectory(parent);
        RemoveStaleRoots(parent);
        var root = Path.Combine(parent, $"engine-{Environment.ProcessId}-{Guid.NewGuid():N}"[..32]);
        Directory.CreateDirectory(root);
        return root;
    }

    private static void RemoveStaleRoots(string parent)
    {
        foreach (var dir in Directory.EnumerateDirectories(parent, "engine-*"))
        {
            var parts = Path.GetFileName(dir).Split('-');
            if (parts.Length < 2 || !int.TryParse(parts[1], out var pid)) continue;
            if (pid == Environment.ProcessId || Native.ProcessExists(pid)) continue;
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
