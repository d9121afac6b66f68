namespace DevTools.Engine.Runtimes.Sdk;

/// <summary>
/// What a function's runtime resolves beyond its own code, in Lambda's order: the dependencies its build installed
/// (on Lambda they sit in <c>/var/task</c>), then the SDK the runtime carries (<c>/var/runtime</c>).
/// </summary>
/// <param name="DependencyPaths">Module folders of the function's build (its <c>node_modules</c>, its pip target).</param>
/// <param name="RuntimePaths">Module folders of the runtime-provided SDK.</param>
/// <param name="EsmNeedsSearchPaths">
/// Node.js ES modules ignore <c>NODE_PATH</c>; Lambda's runtime resolves them from it anyway. The runtime client does so
/// too when this is set, only then, since on Node.js 20 it costs a loader thread's start-up (tens of milliseconds).
/// </param>
/// <param name="SdkVersion">What <c>INIT_START</c> names next to the runtime, e.g. <c>AWS SDK for JavaScript 3.1178.0</c>.</param>
public sealed record FunctionSearchPaths(
    IReadOnlyList<string> DependencyPaths,
    IReadOnlyList<string> RuntimePaths,
    bool EsmNeedsSearchPaths,
    string? SdkVersion)
{
    public static FunctionSearchPaths None { get; } = new([], [], false, null);

    /// <summary>Module folders of the function's layers in <see cref="OptDirectory"/> (Lambda's <c>/opt</c>), between its own and the runtime's.</summary>
    public IReadOnlyList<string> LayerPaths { get; init; } = [];

    /// <summary>The function's layers merged, as Lambda's <c>/opt</c>; null when it has none.</summary>
    public string? OptDirectory { get; init; }

    /// <summary>Where the function's code runs from (Lambda's <c>/var/task</c>) when it is not its code folder: a .NET project's publish.</summary>
    public string? TaskRoot { get; init; }

    /// <summary>Why the runtime cannot start (the project's publish failed): the init fails with it.</summary>
    public LaunchException? LaunchError { get; init; }

    public IEnumerable<string> All => DependencyPaths.Concat(LayerPaths).Concat(RuntimePaths);

    /// <summary>
    /// The folders holding the search paths, for a sandbox that must make them visible: whole, so that a path keeps its
    /// last name (Node.js looks for packages in folders named <c>node_modules</c>).
    /// </summary>
    public IEnumerable<string> ReadableFolders =>
        All.Select(p => Path.GetDirectoryName(p) ?? p).Concat(OptDirectory is null ? [] : [OptDirectory]).Distinct(StringComparer.Ordinal);
}

/// <summary>A runtime SDK's state after a function's needs were checked (what <c>lambda/build</c> reports).</summary>
/// <param name="Status"><c>ready</c>, <c>installed</c> or <c>failed</c>.</param>
public sealed record RuntimeSdkReport(string Runtime, string Status, string? Version, string? Directory, IReadOnlyList<string> Packages, string? Message);

public static class RuntimeSdkStatuses
{
    public const string Ready = "ready";
    public const string Installed = "installed";
    public const string Failed = "failed";
}
