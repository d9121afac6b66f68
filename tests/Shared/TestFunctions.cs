using DevTools.Engine.Catalog;

namespace DevTools.Tests.Shared;

/// <summary>Function configurations for the test functions under Functions/ (copied next to the tests).</summary>
public static class TestFunctions
{
    public static string FunctionsDirectory => Path.Combine(AppContext.BaseDirectory, "Functions");

    public static FunctionConfiguration Probe(string name = "Probe", int timeoutSeconds = 3, int memoryMb = 256,
        int? reserved = null, IReadOnlyDictionary<string, string>? environment = null, string? codeDirectory = null) => new()
    {
        LogicalId = name,
        FunctionName = name,
        Runtime = "provided.al2023",
        Handler = "probe",
        CodeDirectory = codeDirectory ?? Path.Combine(FunctionsDirectory, "probe"),
        TimeoutSeconds = timeoutSeconds,
        MemorySizeMb = memoryMb,
        ReservedConcurrentExecutions = reserved,
        Environment = environment ?? new Dictionary<string, string>(),
        Location = new SourceLocation("test", 1, 1),
    };

    /// <summary>A function of a managed runtime over one of the test code folders (node, node-esm, python).</summary>
    public static FunctionConfiguration Managed(string name, string runtime, string folder, string handler, int timeoutSeconds = 5) => new()
    {
        LogicalId = name,
        FunctionName = name,
        Runtime = runtime,
        Handler = handler,
        CodeDirectory = Path.Combine(FunctionsDirectory, folder),
        TimeoutSeconds = timeoutSeconds,
        MemorySizeMb = 256,
        Location = new SourceLocation("test", 1, 1),
    };

    public static FunctionCatalog Catalog(params FunctionConfiguration[] functions) => new("test-template.yaml", functions, []);

    /// <summary>A copy of a test function's folder (with its sub-folders) in a fresh temp directory, for tests that change code.</summary>
    public static string CopyOf(string functionFolder)
    {
        var target = Path.Combine(Path.GetTempPath(), "devtools-tests", Guid.NewGuid().ToString("N")[..12], functionFolder);
        Copy(Path.Combine(FunctionsDirectory, functionFolder), target);
        return target;
    }

    private static void Copy(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            var destination = Path.Combine(target, Path.GetFileName(file));
            File.Copy(file, destination);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(destination, File.GetUnixFileMode(file));
        }
        foreach (var folder in Directory.GetDirectories(source)) Copy(folder, Path.Combine(target, Path.GetFileName(folder)));
    }
}
