using DevTools.Engine.Runtimes;

namespace DevTools.Engine.Catalog;

/// <summary>A function as the engine runs it: a SAM function resource with Globals, parameters and overrides applied.</summary>
public sealed record FunctionConfiguration
{
    /// <summary>The resource's logical id in the template (what <c>sam local invoke</c> takes).</summary>
    public required string LogicalId { get; init; }

    /// <summary><c>FunctionName</c> when set, else the logical id.</summary>
    public required string FunctionName { get; init; }

    public required string Runtime { get; init; }
    public required string Handler { get; init; }

    /// <summary>Absolute path of the code directory (<c>CodeUri</c> resolved against the template's folder).</summary>
    public required string CodeDirectory { get; init; }

    /// <summary>
    /// Where <c>devtools build</c> installed the dependencies the function declares (<c>package.json</c>,
    /// <c>requirements.txt</c>); null when it has no build. The code itself still runs from <see cref="CodeDirectory"/>.
    /// </summary>
    public string? DependenciesDirectory { get; init; }

    public int MemorySizeMb { get; init; } = LambdaLimits.DefaultMemoryMb;
    public int TimeoutSeconds { get; init; } = LambdaLimits.DefaultTimeoutSeconds;
    public int EphemeralStorageMb { get; init; } = LambdaLimits.DefaultEphemeralStorageMb;

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The function's layers in merge order (a later layer's file wins), as Lambda extracts them into <c>/opt</c>.</summary>
    public IReadOnlyList<LayerConfiguration> Layers { get; init; } = [];

    /// <summary>Per-function concurrency cap; null means the engine-wide limit applies.</summary>
    public int? ReservedConcurrentExecutions { get; init; }

    /// <summary><c>x86_64</c> or <c>arm64</c> (informational: code runs on the host).</summary>
    public string Architecture { get; init; } = "x86_64";

    /// <summary>Where the resource is declared, for diagnostics and CodeLens.</summary>
    public required SourceLocation Location { get; init; }

    public RuntimeDefinition? RuntimeDefinition => RuntimeCatalog.Find(Runtime);
}
