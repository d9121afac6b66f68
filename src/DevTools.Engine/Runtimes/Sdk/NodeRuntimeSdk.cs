using System.Text.Json;
using DevTools.Engine.Build;

namespace DevTools.Engine.Runtimes.Sdk;

/// <summary>
/// The AWS SDK for JavaScript v3 that Lambda's Node.js 18+ runtimes carry in <c>/var/runtime/node_modules</c>: here an
/// npm project in the per-machine cache, grown package by package as functions need them (the whole SDK is hundreds of
/// packages; a function uses a few).
/// </summary>
public sealed class NodeRuntimeSdk(string directory)
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private string? _version;

    /// <summary>The packages <c>devtools sdk install</c> fetches when asked for none: what most functions use.</summary>
    public static IReadOnlyList<string> CommonPackages { get; } =
    [
        "@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb", "@aws-sdk/util-dynamodb", "@aws-sdk/client-s3",
        "@aws-sdk/client-sqs", "@aws-sdk/client-sns", "@aws-sdk/client-eventbridge", "@aws-sdk/client-lambda",
        "@aws-sdk/client-secrets-manager", "@aws-sdk/client-ssm", "@aws-sdk/credential-providers",
    ];

    public string Directory { get; } = Path.Combine(directory, "nodejs");

    /// <summary>What goes on <c>NODE_PATH</c> (Lambda's <c>/var/runtime/node_modules</c>).</summary>
    public string ModulesDirectory => Path.Combine(Directory, "node_modules");

    public bool Has(string package) => File.Exists(Path.Combine(ModulesDirectory, package, "package.json"));

    /// <summary>The SDK's release as its clients carry it (e.g. 3.1178.0); null when nothing is installed.</summary>
    public string? Version => _version ??= ReadVersion();

    /// <summary>The packages explicitly installed (the cache's <c>package.json</c> dependencies).</summary>
    public IReadOnlyList<string> InstalledPackages()
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "package.json")));
            return json.RootElement.TryGetProperty("dependencies", out var dependencies)
                ? dependencies.EnumerateObject().Select(p => p.Name).Where(Has).ToList()
                : [];
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException) { return []; }
    }

    /// <summary>Installs packages into the cache with npm (kept in its package.json, so later installs keep them).</summary>
    public async Task<ToolOutcome> InstallAsync(IReadOnlyList<string> packages, Action<string> onLine, CancellationToken cancellationToken)
    {
        using var _ = await RuntimeSdkCache.LockAsync(Directory, cancellationToken).ConfigureAwait(false);
        var missing = packages.Where(p => !Has(p)).ToList(); // another engine may have installed them meanwhile
        if (missing.Count == 0) return new ToolOutcome(0, [], false);
        var manifest = Path.Combine(Directory, "package.json");
        if (!File.Exists(manifest))
            await File.WriteAllTextAsync(manifest, """{ "name": "lambda-devtools-runtime-sdk", "private": true, "description": "The AWS SDK for JavaScript v3 as Lambda's Node.js runtimes carry it, for functions run by Lambda DevTools." }""", cancellationToken).ConfigureAwait(false);
        var npm = ToolRun.FindOnPath("npm") ?? throw new FileNotFoundException("npm is not on PATH; the AWS SDK for JavaScript cannot be installed.");
        var outcome = await ToolRun.RunAsync(npm, InstallArguments(missing), Directory, onLine, InstallTimeout, cancellationToken).ConfigureAwait(false);
        _version = null;
        return outcome;
    }

    public static IReadOnlyList<string> InstallArguments(IEnumerable<string> packages) =>
        ["install", "--save", "--no-audit", "--no-fund", "--loglevel=error", "--no-progress", .. packages];

    private string? ReadVersion()
    {
        var scope = Path.Combine(ModulesDirectory, "@aws-sdk");
        if (!System.IO.Directory.Exists(scope)) return null;
        System.Version? newest = null;
        string? text = null;
        foreach (var package in System.IO.Directory.EnumerateDirectories(scope, "client-*").DefaultIfEmpty(System.IO.Directory.EnumerateDirectories(scope).FirstOrDefault()))
        {
            if (package is null) continue;
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(package, "package.json")));
                var version = json.RootElement.GetProperty("version").GetString();
                if (System.Version.TryParse(version?.Split('-')[0], out var parsed) && (newest is null || parsed > newest))
                    (newest, text) = (parsed, version);
            }
            catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or UnauthorizedAccessException) { }
        }
        return text;
    }
}
