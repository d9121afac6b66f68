using System.Diagnostics;
using System.IO.Compression;

namespace DevTools.Tests.Shared;

/// <summary>Java functions for tests and benchmarks, compiled with the machine's JDK: Lambda runs compiled classes.</summary>
public static class JavaCode
{
    /// <summary>javac from PATH; without it, what to install (a test needing it fails with this).</summary>
    public static string Javac => Engine.Build.ToolRun.FindOnPath("javac")
        ?? throw new InvalidOperationException("javac is not on PATH: the Java tests compile their functions with a JDK. Install one: apt-get install openjdk-17-jdk-headless (.ci/test.sh does).");

    /// <summary>Compiles every <c>.java</c> file under the source folders into <paramref name="output"/>, as Java 11 class files.</summary>
    public static void Compile(string output, IEnumerable<string> classPath, params string[] sourceFolders)
    {
        Directory.CreateDirectory(output);
        var info = new ProcessStartInfo(Javac) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--release", "11", "-encoding", "UTF-8", "-d", output }) info.ArgumentList.Add(argument);
        if (classPath.Any())
        {
            info.ArgumentList.Add("-cp");
            info.ArgumentList.Add(string.Join(':', classPath));
        }
        foreach (var source in sourceFolders.SelectMany(f => Directory.GetFiles(f, "*.java", SearchOption.AllDirectories)).Order(StringComparer.Ordinal))
            info.ArgumentList.Add(source);
        using var javac = Process.Start(info)!;
        var errors = javac.StandardError.ReadToEndAsync();
        var messages = javac.StandardOutput.ReadToEnd();
        javac.WaitForExit();
        if (javac.ExitCode != 0) throw new InvalidOperationException($"javac failed ({javac.ExitCode}): {messages}{errors.Result}");
    }

    /// <summary>A jar of a folder of classes (a zip; no <c>jar</c> tool needed).</summary>
    public static void Jar(string classes, string jar)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(jar)!);
        File.Delete(jar);
        ZipFile.CreateFromDirectory(classes, jar);
    }
}
