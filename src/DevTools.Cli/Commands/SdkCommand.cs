using System.CommandLine;
using DevTools.Cli.Rendering;
using DevTools.Engine;
using DevTools.Engine.Events;
using DevTools.Engine.Runtimes.Sdk;

namespace DevTools.Cli.Commands;

/// <summary>
/// <c>devtools sdk install</c>: fetches ahead of time (say, before going offline) the AWS SDK that Lambda's runtimes
/// carry, into the per-machine cache every engine uses. Functions otherwise fetch what they import on first need.
/// </summary>
internal static class SdkCommand
{
    public static Command Create()
    {
        var packages = new Argument<string[]>("packages") { Description = "@aws-sdk/* packages to install (default: the commonly used clients and libraries).", Arity = ArgumentArity.ZeroOrMore };
        var runtime = new Option<string>("--runtime") { Description = "Which runtimes' SDK: nodejs (the AWS SDK for JavaScript v3), python (boto3) or all.", DefaultValueFactory = _ => "all" };
        runtime.AcceptOnlyFromAmong("all", "nodejs", "python");
        var python = new Option<bool>("--python") { Description = "Only boto3 (same as --runtime python)." };
        var install = new Command("install", "Install the runtime-provided AWS SDKs into the per-machine cache.") { packages, runtime, python };
        install.SetAction((parse, _) => InstallAsync(parse.GetValue(packages) ?? [], parse.GetValue(python) ? "python" : parse.GetValue(runtime)!));
        return new Command("sdk", $"The AWS SDKs Lambda's runtimes carry, cached per machine ({RuntimeSdkCache.DefaultDirectory}).") { install };
    }

    private static async Task<int> InstallAsync(string[] packages, string runtime)
    {
        var invalid = packages.Where(p => !p.StartsWith("@aws-sdk/", StringComparison.Ordinal)).ToList();
        if (invalid.Count > 0)
        {
            Console.Error.WriteLine($"Error: only @aws-sdk/* packages are part of the runtime: {string.Join(", ", invalid)}");
            return 2;
        }
        var events = new LifecycleEventHub();
        var provider = new RuntimeSdkProvider(new EngineOptions(), events);
        var reports = new List<RuntimeSdkReport>();
        await using (new LifecycleWriter(events, Console.Error, json: false))
        {
            if (runtime is "all" or "nodejs")
                reports.Add(await provider.InstallNodeAsync(packages.Length > 0 ? packages : NodeRuntimeSdk.CommonPackages, "sdk"));
            if (runtime is "all" or "python" && packages.Length == 0)
                reports.Add(await provider.EnsurePythonAsync("sdk"));
        }
        foreach (var report in reports)
            Console.Out.WriteLine(report.Message is null
                ? $"{report.Runtime}: {report.Status} {report.Version} in {report.Directory}"
                : $"{report.Runtime}: {report.Status}: {report.Message}");
        return reports.All(r => r.Status != RuntimeSdkStatuses.Failed) ? 0 : 1;
    }
}
