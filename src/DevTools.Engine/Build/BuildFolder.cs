using System.Text.Json;
using System.Text.Json.Serialization;
using DevTools.Engine.Catalog;

namespace DevTools.Engine.Build;

/// <summary>What a finished build records about itself (<c>.devtools-build.json</c> in its folder).</summary>
public sealed record BuildStamp(
    [property: JsonPropertyName("sourceDirectory")] string SourceDirectory,
    [property: JsonPropertyName("manifestHash")] string ManifestHash,
    [property: JsonPropertyName("command")] string Command,
    [property: JsonPropertyName("builtAt")] DateTimeOffset BuiltAt);

/// <summary>
/// A function's build folder, <c>.aws-sam/devtools-build/&lt;LogicalId&gt;</c> beside the template (beside, not inside,
/// <c>sam build</c>'s own <c>.aws-sam/build</c>): the installed dependencies only (<c>node_modules/</c> or <c>python/</c>).
/// The code keeps running from its source folder, so an edit needs no rebuild; only a manifest change does.
/// </summary>
public sealed class BuildFolder(string templateDirectory, string logicalId)
{
    public const string Root = ".aws-sam/devtools-build";
    private const string StampName = ".devtools-build.json";

    public string Directory { get; } = System.IO.Path.Combine(templateDirectory, Root, logicalId);
    public string StagingDirectory => Directory + ".staging";

    public static BuildFolder For(FunctionCatalog catalog, FunctionConfiguration function) =>
        new(System.IO.Path.GetDirectoryName(catalog.TemplatePath)!, function.LogicalId);

    public BuildStamp? ReadStamp() => ReadStamp(Directory);

    /// <summary>The stamp of the build in <paramref name="directory"/>, if one finished there.</summary>
    public static BuildStamp? ReadStamp(string directory)
    {
        try { return JsonSerializer.Deserialize<BuildStamp>(File.ReadAllText(System.IO.Path.Combine(directory, StampName))); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException) { return null; }
    }

    /// <summary>The build of this function's current source folder, if there is one.</summary>
    public BuildStamp? StampFor(FunctionConfiguration function) =>
        ReadStamp() is { } stamp && stamp.SourceDirectory == function.CodeDirectory ? stamp : null;

    public static void WriteStamp(string directory, BuildStamp stamp) =>
        File.WriteAllText(System.IO.Path.Combine(directory, StampName), JsonSerializer.Serialize(stamp));

    /// <summary>Replaces the build with the staged one in two renames, so a reader never sees half of either.</summary>
    public void CommitStaging() => Commit(StagingDirectory, Directory);

    /// <summary>Replaces <paramref name="directory"/> with <paramref name="staging"/> in two renames.</summary>
    public static void Commit(string staging, string directory)
    {
        var previous = directory + ".previous";
        DeleteIfExists(previous);
        if (System.IO.Directory.Exists(directory)) System.IO.Directory.Move(directory, previous);
        System.IO.Directory.Move(staging, directory);
        DeleteIfExists(previous);
    }

    public static void DeleteIfExists(string directory)
    {
        if (System.IO.Directory.Exists(directory)) System.IO.Directory.Delete(directory, recursive: true);
    }
}
