using DevTools.Engine.Runtimes.Sdk;

namespace DevTools.Engine.Build;

/// <summary>What <see cref="LambdaEngine.BuildAsync"/> did: each function's dependencies, and the runtime SDKs they need.</summary>
public sealed record BuildReport(IReadOnlyList<FunctionBuildOutcome> Functions, IReadOnlyList<RuntimeSdkReport> RuntimeSdks)
{
    public bool Succeeded => Functions.All(f => f.Status != FunctionBuildOutcome.Failed) && RuntimeSdks.All(s => s.Status != RuntimeSdkStatuses.Failed);

    /// <summary>One report per runtime: the worst status of its functions' checks, and every package they need.</summary>
    public static IReadOnlyList<RuntimeSdkReport> Merge(IEnumerable<RuntimeSdkReport> reports) =>
        reports.GroupBy(r => r.Runtime).Select(group =>
        {
            var worst = group.FirstOrDefault(r => r.Status == RuntimeSdkStatuses.Failed) ?? group.FirstOrDefault(r => r.Status == RuntimeSdkStatuses.Installed) ?? group.First();
            return worst with { Packages = group.SelectMany(r => r.Packages).Distinct().Order(StringComparer.Ordinal).ToList() };
        }).ToList();
}
