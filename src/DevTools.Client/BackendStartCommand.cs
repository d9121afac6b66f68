using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DevTools.Client;

/// <summary>
/// The program and arguments that start <c>devtools serve</c>. The client appends
/// <c>serve --detach --template PATH</c> and the <see cref="ClientOptions.ServeArguments"/>.
/// </summary>
public sealed class BackendStartCommand
{
    public BackendStartCommand(string fileName, params string[] arguments)
    {
        FileName = fileName;
        Arguments = arguments;
    }

    public string FileName { get; }
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>
    /// The CLI next to this assembly (<c>dotnet devtools.dll</c>, or its <c>devtools</c> executable), else
    /// <c>devtools</c> from PATH (the installed .NET tool).
    /// </summary>
    public static BackendStartCommand Default()
    {
        var directory = Path.GetDirectoryName(typeof(BackendStartCommand).Assembly.Location) ?? "";
        var dll = Path.Combine(directory, "devtools.dll");
        if (File.Exists(dll)) return new BackendStartCommand(DotnetHost(), dll);
        var executable = Path.Combine(directory, RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "devtools.exe" : "devtools");
        return new BackendStartCommand(File.Exists(executable) ? executable : "devtools");
    }

    /// <summary>The <c>dotnet</c> running this process when there is one (so the same runtime starts the backend).</summary>
    private static string DotnetHost()
    {
        string? current;
        using (var process = Process.GetCurrentProcess()) current = process.MainModule?.FileName;
        var name = Path.GetFileNameWithoutExtension(current ?? "");
        return current is not null && name.Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? current : "dotnet";
    }

    public override string ToString() => string.Join(" ", new[] { FileName }.Concat(Arguments));
}
