namespace DevTools.Engine.Isolation;

/// <summary>
/// An environment's private /tmp: a directory of its own, handed to the runtime as TMPDIR.
/// It survives freeze/thaw and resets (Lambda does not clear /tmp) and goes with the environment.
/// </summary>
public sealed class EnvironmentTmp
{
    private EnvironmentTmp(string path) => Path = path;

    public string Path { get; }

    public static EnvironmentTmp Create(string engineRoot, string environmentId)
    {
        var path = System.IO.Path.Combine(engineRoot, environmentId, "tmp");
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new EnvironmentTmp(path);
    }

    /// <summary>Bytes currently stored (apparent file sizes).</summary>
    public long UsedBytes()
    {
        try
        {
            return new DirectoryInfo(Path).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 })
                .Sum(f => f.Length);
        }
        catch (IOException) { return 0; }
    }

    public void Delete()
    {
        try { Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
