using System.Text.Json;

namespace DevTools.Engine.Events;

/// <summary>What a build step prepares: a function's declared dependencies, or the SDK its runtime carries.</summary>
public static class BuildSteps
{
    /// <summary>The function's <c>package.json</c> / <c>requirements.txt</c>, installed into its build folder.</summary>
    public const string Dependencies = "dependencies";

    /// <summary>The AWS SDK Lambda's runtimes carry (JavaScript v3, boto3), installed into the per-machine cache.</summary>
    public const string RuntimeSdk = "runtime-sdk";

    /// <summary>A .NET project folder, published (<c>dotnet publish</c>) before its first cold start and after a change.</summary>
    public const string Publish = "publish";
}

/// <summary>A build step started: an install tool runs (it may take seconds; its output follows as <see cref="BuildOutput"/>).</summary>
public sealed record BuildStarted : LifecycleEvent
{
    public override string Type => "build.started";
    public required string Step { get; init; }
    public required string Tool { get; init; }
    public required string Command { get; init; }
    public required string Directory { get; init; }

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("step", Step);
        w.WriteString("tool", Tool);
        w.WriteString("command", Command);
        w.WriteString("directory", Directory);
    }
}

/// <summary>One line the install tool printed.</summary>
public sealed record BuildOutput : LifecycleEvent
{
    public override string Type => "build.output";
    public required string Step { get; init; }
    public required string Line { get; init; }

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("step", Step);
        w.WriteString("line", Line);
    }
}

/// <summary>A build step ended: built, reused, ready (nothing to do) or failed.</summary>
public sealed record BuildFinished : LifecycleEvent
{
    public override string Type => "build.finished";
    public required string Step { get; init; }

    /// <summary><c>built</c>, <c>reused</c>, <c>skipped</c>, <c>installed</c>, <c>ready</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    public double DurationMs { get; init; }
    public string? Directory { get; init; }

    /// <summary>The runtime SDK's version, for that step.</summary>
    public string? Version { get; init; }

    /// <summary>Why it failed, and what to do about it.</summary>
    public string? Error { get; init; }

    public override void WriteRecord(Utf8JsonWriter w)
    {
        w.WriteString("step", Step);
        w.WriteString("status", Status);
        w.WriteNumber("durationMs", Math.Round(DurationMs, 3));
        if (Directory is not null) w.WriteString("directory", Directory);
        if (Version is not null) w.WriteString("version", Version);
        if (Error is not null) w.WriteString("error", Error);
    }
}
