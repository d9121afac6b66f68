using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using DevTools.Engine.Build;
using DevTools.Engine.Events;
using DevTools.Engine.Runtimes.Sdk;

namespace DevTools.Engine.Runtimes.Dotnet;

/// <summary>What publishing a project gave: the folder the function runs from, or why there is none.</summary>
/// <param name="Status"><c>built</c>, <c>reused</c> or <c>failed</c>.</param>
public sealed record DotnetPublishOutcome(string? Directory, string? Error, string Status, string? Command);

/// <summary>
/// Publishes a .NET project folder as <c>sam build</c> does (<c>dotnet publish -c Release</c>, runtimeconfig included) into
/// the per-machine cache, shown as <c>build.*</c> events of the function. Its intermediate files go there too, so the
/// project folder is left as it was. An unchanged fingerprint reuses the last publish; a failed one keeps it.
/// </summary>
public sealed class DotnetPublisher(EngineOptions options, LifecycleEventHub events)
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);

    // No build server or worker node may outlive the publish: nothing the engine starts is left running.
    private static readonly Dictionary<string, string> QuietTools = new()
    {
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
    };

    /// <summary><c>&lt;cache&gt;/dotnet-publish</c>, beside the runtime SDKs.</summary>
    private string Root => Path.Combine(Path.GetDirectoryName(options.RuntimeSdkDirectory ?? RuntimeSdkCache.DefaultDirectory)!, "dotnet-publish");

    /// <param name="force">Publish even when the sources did not change (<c>devtools build --force</c>).</param>
    public async Task<DotnetPublishOutcome> PublishAsync(string functionName, DotnetProject project, bool force = false, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(Root, $"{Path.GetFileNameWithoutExtension(project.Path)}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(project.Path)))[..12]}");
        var output = Path.Combine(folder, "publish");
        var staging = output + ".staging";
        using var _ = await RuntimeSdkCache.LockAsync(folder, cancellationToken).ConfigureAwait(false);

        var fingerprint = project.Fingerprint();
        if (!force && BuildFolder.ReadStamp(output) is { } stamp && stamp.SourceDirectory == project.Directory && stamp.ManifestHash == fingerprint)
            return new DotnetPublishOutcome(output, null, FunctionBuildOutcome.Reused, stamp.Command);
        // The same sources failed before: say so again rather than compile them again.
        var failure = Path.Combine(folder, "publish.failed");
        if (!force && File.Exists(failure) && File.ReadAllText(failure).Split('\n', 2) is [var failedFingerprint, var failedError] && failedFingerprint == fingerprint)
            return new DotnetPublishOutcome(null, failedError + " (the sources are unchanged since; `devtools build --force` publishes them again)", FunctionBuildOutcome.Failed, null);

        var toolchain = DotnetToolchain.Find(options.DotnetExecutable);
        if (toolchain.Host is null) return new DotnetPublishOutcome(null, toolchain.Problem(), FunctionBuildOutcome.Failed, null);
        string[] arguments = ["publish", project.Path, "-c", "Release", "-o", staging, "--artifacts-path", Path.Combine(folder, "artifacts"),
            "-p:GenerateRuntimeConfigurationFiles=true", "-p:UseSharedCompilation=false", "-nodeReuse:false", "--nologo"];
        var command = "dotnet " + string.Join(' ', arguments);
        var started = Stopwatch.GetTimestamp();
        events.Publish(new BuildStarted { FunctionName = functionName, Step = BuildSteps.Publish, Tool = "dotnet", Command = command, Directory = output });
        string? error;
        try
        {
            BuildFolder.DeleteIfExists(staging);
            var outcome = await ToolRun.RunAsync(toolchain.Host, arguments, project.Directory,
                line => events.Publish(new BuildOutput { FunctionName = functionName, Step = BuildSteps.Publish, Line = line }),
                PublishTimeout, cancellationToken, QuietTools).ConfigureAwait(false);
            error = outcome.Succeeded ? null : outcome.Describe("dotnet publish");
            if (error is null)
            {
                BuildFolder.WriteStamp(staging, new BuildStamp(project.Directory, fingerprint, command, DateTimeOffset.UtcNow));
                BuildFolder.Commit(staging, output);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            error = e.Message;
        }
        finally
        {
            BuildFolder.DeleteIfExists(staging);
        }
        if (error is null) File.Delete(failure);
        else File.WriteAllText(failure, fingerprint + "\n" + error);
        var status = error is null ? FunctionBuildOutcome.Built : FunctionBuildOutcome.Failed;
        events.Publish(new BuildFinished
        {
            FunctionName = functionName, Step = BuildSteps.Publish, Status = status, Directory = output, Error = error,
            DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        });
        return new DotnetPublishOutcome(error is null ? output : null, error, status, command);
    }
}
