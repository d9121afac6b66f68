using DevTools.Engine;
using DevTools.Engine.Catalog;
using DevTools.Engine.Environments;
using DevTools.Engine.Invocation;
using DevTools.Protocol;
using System.Text;

namespace DevTools.Server.Rpc;

/// <summary>Engine types to wire types (the protocol stays free of engine types, so clients need no engine).</summary>
internal static class ProtocolMapper
{
    public static FunctionListResult ToFunctionList(FunctionCatalog catalog, EngineOptions options) => new()
    {
        TemplatePath = catalog.TemplatePath,
        Functions = catalog.Functions.Select(f => ToDescription(f, catalog, options)).ToList(),
        Diagnostics = catalog.Diagnostics.Select(ToDiagnostic).ToList(),
    };

    public static FunctionDescription ToDescription(FunctionConfiguration f, FunctionCatalog catalog, EngineOptions options) => new()
    {
        LogicalId = f.LogicalId,
        FunctionName = f.FunctionName,
        FunctionArn = FunctionResolver.FunctionArn(options, f.FunctionName),
        Runtime = f.Runtime,
        Handler = f.Handler,
        CodeDirectory = f.CodeDirectory,
        MemorySizeMb = f.MemorySizeMb,
        TimeoutSeconds = f.TimeoutSeconds,
        EphemeralStorageMb = f.EphemeralStorageMb,
        Architecture = f.Architecture,
        ReservedConcurrentExecutions = f.ReservedConcurrentExecutions,
        Environment = new Dictionary<string, string>(f.Environment),
        Layers = [.. f.Layers.Select(l => new LayerDescription { Name = l.Name, Directory = l.Directory })],
        Line = f.Location.Line,
        Column = f.Location.Column,
        Runnable = catalog.IsRunnable(f),
    };

    public static TemplateDiagnosticInfo ToDiagnostic(TemplateDiagnostic d) => new()
    {
        Severity = d.Severity.ToString().ToLowerInvariant(),
        Code = d.Code,
        Message = d.Message,
        File = d.Location.File,
        Line = d.Location.Line,
        Column = d.Location.Column,
        FunctionId = d.FunctionId,
    };

    public static EnvironmentDescription ToDescription(EnvironmentInfo e) => new()
    {
        Id = e.Id,
        FunctionName = e.FunctionName,
        LogicalId = e.LogicalId,
        State = e.State.ToString().ToLowerInvariant(),
        CreatedAt = e.CreatedAt,
        LastUsedAt = e.LastUsedAt,
        Invocations = e.Invocations,
        MaxMemoryUsedMb = e.MaxMemoryUsedMb,
        TmpUsedBytes = e.TmpUsedBytes,
        Pid = e.Pid,
        Isolation = e.Isolation,
        TmpMode = e.TmpMode,
        Extensions = [.. e.Extensions],
    };

    public static InvokeResponse ToResponse(InvokeResult r) => new()
    {
        RequestId = r.RequestId,
        FunctionName = r.FunctionName,
        StatusCode = r.StatusCode,
        Payload = r.StatusCode == 200 ? Encoding.UTF8.GetString(r.Payload.Span) : null,
        FunctionError = r.FunctionError,
        ErrorType = r.ErrorType,
        LogTail = r.LogTail,
        ExecutedVersion = r.ExecutedVersion,
        EnvironmentId = r.EnvironmentId,
        ColdStart = r.ColdStart,
        Metrics = r.Metrics is not { } m ? null : new InvokeMetricsInfo
        {
            DurationMs = m.DurationMs,
            BilledDurationMs = m.BilledDurationMs,
            InitDurationMs = m.InitDurationMs,
            MaxMemoryUsedMb = m.MaxMemoryUsedMb,
            MemorySizeMb = m.MemorySizeMb,
        },
    };

    /// <summary>The wire's invoke params as the engine's request (the client context is JSON text on both).</summary>
    public static InvokeRequest ToRequest(InvokeParams p)
    {
        var type = global::DevTools.Engine.Invocation.InvocationTypes.Parse(p.InvocationType);
        return new InvokeRequest
        {
            FunctionName = p.FunctionName ?? "",
            Qualifier = p.Qualifier,
            Payload = string.IsNullOrEmpty(p.Payload) ? default : Encoding.UTF8.GetBytes(p.Payload),
            InvocationType = type,
            LogTail = p.LogTail && type == InvocationType.RequestResponse,
            ClientContext = p.ClientContext,
            // Wait for REPORT so the result carries the final metrics, as the CLI does.
            WaitForReport = true,
        };
    }

    public static BuildResult ToBuildResult(DevTools.Engine.Build.BuildReport report) => new()
    {
        Succeeded = report.Succeeded,
        Functions = report.Functions.Select(f => new FunctionBuildResult
        {
            LogicalId = f.Function.LogicalId,
            FunctionName = f.Function.FunctionName,
            Status = f.Status,
            Manifest = f.Manifest?.Path,
            Command = f.Command,
            Directory = f.Directory,
            DurationMs = Math.Round(f.DurationMs, 3),
            Message = f.Message,
        }).ToList(),
        RuntimeSdks = report.RuntimeSdks.Select(s => new RuntimeSdkStatus
        {
            Runtime = s.Runtime,
            Status = s.Status,
            Version = s.Version,
            Directory = s.Directory,
            Packages = s.Packages.ToList(),
            Message = s.Message,
        }).ToList(),
    };
}
