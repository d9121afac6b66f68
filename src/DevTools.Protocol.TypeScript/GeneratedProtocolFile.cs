namespace DevTools.Protocol.TypeScript;

/// <summary>Where the generated TypeScript lives in the repository, and the one command that writes it.</summary>
public static class GeneratedProtocolFile
{
    public const string RegenerateCommand = "dotnet run --project src/DevTools.Protocol.TypeScript";

    public static string RelativePath { get; } = Path.Combine("extension", "src", "backend", "protocol.generated.ts");

    /// <summary>The file in the repository that holds <paramref name="directory"/> (the first folder upwards with DevTools.sln).</summary>
    public static string PathFrom(string directory)
    {
        for (var folder = new DirectoryInfo(directory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "DevTools.sln"))) return Path.Combine(folder.FullName, RelativePath);
        throw new DirectoryNotFoundException($"No DevTools.sln in {directory} or above it: run the generator from the repository's build.");
    }
}
