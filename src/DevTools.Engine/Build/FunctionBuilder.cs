using System.Diagnostics;
using System.Text.Json;
using DevTools.Engine.Catalog;
using DevTools.Engine.Events;
using DevTools.Engine.Runtimes;

namespace DevTools.Engine.Build;

/// <summary>What building one function did.</summary>
/// <param name="Status"><c>built</c>, <c>reused</c>, <c>skipped</c> or <c>failed</c>.</param>
public sealed record FunctionBuildOutcome(FunctionConfiguration Function, string Status, DependencyManifest? Manifest, string? Command,
    string? Directory, double DurationMs, string? Message)
{
    public const string Built = "built";
    public const string Reused = "reused";
    public const string Skipped = "skipped";
    public const string Failed = "failed";
}

/// <summary>
/// Installs one function's declared dependencies into its <see cref="BuildFolder"/>, as <c>sam build</c> does: npm for
/// <c>package.json</c> (<c>npm ci</c> with a lock file), pip for <c>requirements.txt</c>. The install runs in a staging
/// folder and replaces the build only when it succeeds, so a broken manifest leaves the previous build in use. An
/// unchanged manifest and lock file reuse the build.
/// </summary>
public sealed class FunctionBuilder(EngineOptions options, LifecycleEventHub events)
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(15);

    public async Task<FunctionBuildOutcome> BuildAsync(FunctionCatalog catalog, FunctionConfiguration function, bool force, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var folder = BuildFolder.For(catalog, function);
        FunctionBuildOutcome Outcome(string status, DependencyManifest? manifest, string? command, string? message) =>
            new(function, status, manifest, command, status is FunctionBuildOutcome.Failed or FunctionBuildOutcome.Skipped && !Directory.Exists(folder.Directory) ? null : folder.Directory,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, message);

        if (function.RuntimeDefinition?.Family == RuntimeFamily.Dotnet && Runtimes.Dotnet.DotnetProject.Find(function.CodeDirectory, out _) is { } project)
        {
            // A .NET project folder's build is its publish (what its cold starts run).
            var published = await new Runtimes.Dotnet.DotnetPublisher(options, events).PublishAsync(function.FunctionName, project, force, cancellationToken).ConfigureAwait(false);
            return new FunctionBuildOutcome(function, published.Status, null, published.Command, published.Directory,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, published.Error);
        }
        if (DependencyManifest.Find(function) is not { } manifest)
            return Outcome(FunctionBuildOutcome.Skipped, null, null, "no package.json or requirements.txt: nothing to install");
        if (!manifest.DeclaresDependencies())
            return Finish(function, Outcome(FunctionBuildOutcome.Skipped, manifest, null, $"{manifest.FileName} declares no dependencies to deploy"), started);
        if (ManifestError(manifest) is { } invalid)
            return Finish(function, Outcome(FunctionBuildOutcome.Failed, manifest, null, invalid), started);

        var hash = manifest.Hash();
        var (tool, arguments) = InstallCommand(manifest, folder);
        var command = $"{tool} {string.Join(' ', arguments)}";
        if (!force && folder.StampFor(function) is { } stamp && stamp.ManifestHash == hash)
            return Finish(function, Outcome(FunctionBuildOutcome.Reused, manifest, stamp.Command, $"{manifest.LockFileName ?? manifest.FileName} unchanged since {stamp.BuiltAt:u}"), started);

        var executable = ToolRun.FindOnPath(tool);
        if (executable is null)
            return Finish(function, Outcome(FunctionBuildOutcome.Failed, manifest, command, $"{tool} is not on PATH; it installs {manifest.FileName}'s dependencies."), started);

        events.Publish(new BuildStarted { FunctionName = function.FunctionName, Step = BuildSteps.Dependencies, Tool = tool, Command = command, Directory = folder.Directory });
        BuildFolder.DeleteIfExists(folder.StagingDirectory);
        Directory.CreateDirectory(folder.StagingDirectory);
        try
        {
            if (manifest.Family == RuntimeFamily.Node)
                foreach (var file in new[] { manifest.Path, manifest.LockPath }.OfType<string>())
                    File.Copy(file, Path.Combine(folder.StagingDirectory, Path.GetFileName(file)));
            var outcome = await ToolRun.RunAsync(executable, arguments, WorkingDirectory(manifest, folder),
                line => events.Publish(new BuildOutput { FunctionName = function.FunctionName, Step = BuildSteps.Dependencies, Line = line }),
                InstallTimeout, cancellationToken).ConfigureAwait(false);
            if (!outcome.Succeeded)
                return Finish(function, Outcome(FunctionBuildOutcome.Failed, manifest, command, outcome.Describe(tool) + PreviousBuildNote(folder)), started);
            BuildFolder.WriteStamp(folder.StagingDirectory, new BuildStamp(function.CodeDirectory, hash, command, DateTimeOffset.UtcNow));
            folder.CommitStaging();
            return Finish(function, Outcome(FunctionBuildOutcome.Built, manifest, command, null), started);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            return Finish(function, Outcome(FunctionBuildOutcome.Failed, manifest, command, e.Message + PreviousBuildNote(folder)), started);
        }
        finally
        {
            BuildFolder.DeleteIfExists(folder.StagingDirectory);
        }
    }

    private FunctionBuildOutcome Finish(FunctionConfiguration function, FunctionBuildOutcome outcome, long started)
    {
        events.Publish(new BuildFinished
        {
            FunctionName = function.FunctionName,
            Step = BuildSteps.Dependencies,
            Status = outcome.Status,
            DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            Directory = outcome.Directory,
            Error = outcome.Status == FunctionBuildOutcome.Failed ? outcome.Message : null,
        });
        return outcome;
    }

    /// <summary>The tool and its arguments: what <c>sam build</c> runs, installing production dependencies only.</summary>
    private (string Tool, IReadOnlyList<string> Arguments) InstallCommand(DependencyManifest manifest, BuildFolder folder) => manifest.Family switch
    {
        RuntimeFamily.Node when manifest.LockFileName is not null => ("npm", ["ci", "--omit=dev", "--no-audit", "--no-fund", "--no-progress"]),
        RuntimeFamily.Node => ("npm", ["install", "--omit=dev", "--no-audit", "--no-fund", "--no-progress", "--no-package-lock"]),
        _ => (options.PythonExecutable, ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "-r", manifest.Path, "-t", Path.Combine(folder.StagingDirectory, "python")]),
    };

    /// <summary>npm installs beside its copy of the manifest; pip runs in the code folder, where a requirement's relative path points.</summary>
    private static string WorkingDirectory(DependencyManifest manifest, BuildFolder folder) =>
        manifest.Family == RuntimeFamily.Node ? folder.StagingDirectory : manifest.CodeDirectory;

    /// <summary>A manifest the tool would choke on, said plainly before running it.</summary>
    private static string? ManifestError(DependencyManifest manifest)
    {
        if (manifest.Family != RuntimeFamily.Node) return null;
        try
        {
            using var _ = JsonDocument.Parse(File.ReadAllText(manifest.Path));
            return null;
        }
        catch (JsonException e)
        {
            return $"{manifest.Path} is not valid JSON: {e.Message}";
        }
    }

    private static string PreviousBuildNote(BuildFolder folder) =>
        Directory.Exists(folder.Directory) ? " (the previous build stays in use)" : "";
}
