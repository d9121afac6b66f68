namespace DevTools.Server.Hosting;

/// <summary>The per-user directory holding sockets and lock files: created 0700, and made 0700 if it is not.</summary>
internal static class RuntimeDirectory
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void Ensure(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, OwnerOnly);
        // An existing directory may have been made with other modes (or by someone else, in /tmp):
        // chmod fails unless we own it, so a directory another user planted is refused here.
        if (File.GetUnixFileMode(path) != OwnerOnly)
            File.SetUnixFileMode(path, OwnerOnly);
    }
}
