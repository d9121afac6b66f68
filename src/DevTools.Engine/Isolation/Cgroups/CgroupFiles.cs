using Microsoft.Win32.SafeHandles;

namespace DevTools.Engine.Isolation.Cgroups;

/// <summary>Small, allocation-light access to cgroup control files.</summary>
internal static class CgroupFiles
{
    public static void Write(string path, string value) => File.WriteAllText(path, value);

    public static bool TryWrite(string path, string value)
    {
        try { File.WriteAllText(path, value); return true; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    public static string Read(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }

    public static long ReadLong(string path) => long.TryParse(Read(path).Trim(), out var value) ? value : 0;

    public static IReadOnlyList<int> ReadPids(string procsFile) =>
        Read(procsFile).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(p => int.TryParse(p, out var pid) ? pid : 0).Where(p => p > 0).ToList();

    /// <summary>Opens a control file once for repeated reads on the invoke path (a memory peak after every invoke).</summary>
    public static SafeFileHandle OpenForRead(string path) => File.OpenHandle(path, FileMode.Open, FileAccess.Read);

    /// <summary>Reads a number from an open control file (cgroup files regenerate their content on each read at offset 0).</summary>
    public static long ReadLong(SafeFileHandle handle)
    {
        Span<byte> buffer = stackalloc byte[32];
        var read = RandomAccess.Read(handle, buffer, 0);
        return System.Buffers.Text.Utf8Parser.TryParse(buffer[..read], out long value, out _) ? value : 0;
    }

    /// <summary>The value of <paramref name="key"/> in an open flat keyed file (read after every invoke: no open, no allocation).</summary>
    public static long ReadKey(SafeFileHandle handle, ReadOnlySpan<byte> key)
    {
        Span<byte> buffer = stackalloc byte[1024];
        var rest = buffer[..RandomAccess.Read(handle, buffer, 0)];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (line.Length > key.Length && line.StartsWith(key) && line[key.Length] == (byte)' ')
                return System.Buffers.Text.Utf8Parser.TryParse(line[(key.Length + 1)..], out long value, out _) ? value : 0;
        }
        return 0;
    }

    /// <summary>Opens a control file once for repeated writes on the hot path (freeze/thaw).</summary>
    public static SafeFileHandle OpenForWrite(string path) => File.OpenHandle(path, FileMode.Open, FileAccess.Write);

    public static void Write(SafeFileHandle handle, ReadOnlySpan<byte> value) => RandomAccess.Write(handle, value, 0);

    /// <summary>Removes a group directory, retrying briefly (without blocking a thread) while the kernel reaps its last processes.</summary>
    public static async Task RemoveDirectoryAsync(string path)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                if (!Directory.Exists(path)) return;
                // Child groups first; cgroup directories are removed with rmdir, not recursively.
                foreach (var child in Directory.GetDirectories(path)) await RemoveDirectoryAsync(child).ConfigureAwait(false);
                Directory.Delete(path);
                return;
            }
            catch (IOException) { await Task.Delay(10).ConfigureAwait(false); }
            catch (UnauthorizedAccessException) { return; }
        }
    }
}
