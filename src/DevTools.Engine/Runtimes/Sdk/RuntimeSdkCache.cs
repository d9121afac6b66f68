namespace DevTools.Engine.Runtimes.Sdk;

/// <summary>
/// Where this machine keeps what Lambda's runtimes carry and a local machine lacks (the AWS SDKs): one folder per user,
/// shared by every engine and workspace, fetched once.
/// </summary>
public static class RuntimeSdkCache
{
    /// <summary>
    /// <c>$DEVTOOLS_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/lambda-devtools</c>, else <c>~/.cache/lambda-devtools</c>; the
    /// runtime SDKs live in its <c>runtime-sdk</c> folder.
    /// </summary>
    public static string DefaultDirectory
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("DEVTOOLS_CACHE_DIR") is { Length: > 0 } explicitRoot ? explicitRoot
                : Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? Path.Combine(xdg, "lambda-devtools")
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "lambda-devtools");
            return Path.Combine(root, "runtime-sdk");
        }
    }

    /// <summary>
    /// Holds an exclusive lock on a cache folder while one process installs into it (npm and pip must not run twice
    /// on the same folder, and two engines may share it).
    /// </summary>
    public static async Task<IDisposable> LockAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, ".install.lock");
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) { await Task.Delay(100, cancellationToken).ConfigureAwait(false); }
        }
    }
}
