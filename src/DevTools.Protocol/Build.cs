namespace DevTools.Protocol;

/// <summary>
/// The params of <c>lambda/build</c>: installs the declared dependencies of the template's functions into a build
/// folder per function (what <c>sam build</c> does for them), and the AWS SDK Lambda's runtimes carry into the
/// per-machine cache. Progress arrives as <c>build.*</c> lifecycle events on <c>lambda/event</c> while it runs.
/// </summary>
public sealed class BuildParams
{
    /// <summary>Only these functions (logical ids or names); every function of the template when null or empty.</summary>
    public List<string>? Functions { get; set; }

    /// <summary>Install again even when the manifest and lock file have not changed since the last build.</summary>
    public bool Force { get; set; }
}

public sealed class BuildResult
{
    /// <summary>One entry per function considered, in template order.</summary>
    public List<FunctionBuildResult> Functions { get; set; } = [];

    /// <summary>The runtime-provided SDKs the built functions need (the AWS SDK for JavaScript v3, boto3).</summary>
    public List<RuntimeSdkStatus> RuntimeSdks { get; set; } = [];

    /// <summary>True when nothing failed.</summary>
    public bool Succeeded { get; set; }
}

/// <summary>What a build did for one function.</summary>
public sealed class FunctionBuildResult
{
    public string LogicalId { get; set; } = "";
    public string FunctionName { get; set; } = "";

    /// <summary><c>built</c>, <c>reused</c> (manifest unchanged), <c>skipped</c> (nothing to install) or <c>failed</c>; see <see cref="BuildStatuses"/>.</summary>
    public string Status { get; set; } = "";

    /// <summary>The manifest the dependencies come from (<c>package.json</c>, <c>requirements.txt</c>), when there is one.</summary>
    public string? Manifest { get; set; }

    /// <summary>The command that installed them (<c>npm ci --omit=dev</c>, <c>pip install -r requirements.txt -t ...</c>).</summary>
    public string? Command { get; set; }

    /// <summary>Where the installed dependencies are; the function runs with them from now on.</summary>
    public string? Directory { get; set; }

    public double DurationMs { get; set; }

    /// <summary>Why it was skipped or failed (a failed build leaves the previous one in use).</summary>
    public string? Message { get; set; }
}

public static class BuildStatuses
{
    public const string Built = "built";
    public const string Reused = "reused";
    public const string Skipped = "skipped";
    public const string Failed = "failed";
}

/// <summary>A runtime-provided SDK in the per-machine cache.</summary>
public sealed class RuntimeSdkStatus
{
    /// <summary><c>nodejs</c> (the AWS SDK for JavaScript v3) or <c>python</c> (boto3).</summary>
    public string Runtime { get; set; } = "";

    /// <summary><c>ready</c> (everything needed is there), <c>installed</c> (fetched now) or <c>failed</c>.</summary>
    public string Status { get; set; } = "";

    /// <summary>e.g. <c>3.1178.0</c> for the JavaScript SDK's clients, <c>1.43.11</c> for boto3.</summary>
    public string? Version { get; set; }

    /// <summary>The folder functions resolve it from.</summary>
    public string? Directory { get; set; }

    /// <summary>The packages the functions need, or what is missing when it failed.</summary>
    public List<string> Packages { get; set; } = [];

    public string? Message { get; set; }
}
