using System.Text.Json;
using Microsoft.AspNetCore.Http;
using DevTools.Engine;
using DevTools.Engine.Catalog;
using DevTools.Engine.Invocation;

namespace DevTools.Server.InvokeApi;

/// <summary><c>ListFunctions</c> and <c>GetFunction</c>: the template's functions as Lambda describes them.</summary>
internal static class FunctionDescriptions
{
    public static async Task WriteListAsync(HttpContext context, LambdaEngine engine)
    {
        await WriteJsonAsync(context, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("Functions");
            foreach (var function in engine.Catalog.Functions) WriteConfiguration(w, engine, function);
            w.WriteEndArray();
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    public static async Task WriteOneAsync(HttpContext context, LambdaEngine engine, string name)
    {
        var qualifier = context.Request.Query["Qualifier"].FirstOrDefault();
        var function = FunctionResolver.Resolve(engine.Catalog, name, string.IsNullOrEmpty(qualifier) ? null : qualifier, engine.Options);
        await WriteJsonAsync(context, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("Configuration");
            WriteConfiguration(w, engine, function);
            w.WriteStartObject("Code");
            w.WriteString("RepositoryType", "Local");
            w.WriteString("Location", function.CodeDirectory);
            w.WriteEndObject();
            if (function.ReservedConcurrentExecutions is { } reserved)
            {
                w.WriteStartObject("Concurrency");
                w.WriteNumber("ReservedConcurrentExecutions", reserved);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static void WriteConfiguration(Utf8JsonWriter w, LambdaEngine engine, FunctionConfiguration f)
    {
        w.WriteStartObject();
        w.WriteString("FunctionName", f.FunctionName);
        w.WriteString("FunctionArn", FunctionResolver.FunctionArn(engine.Options, f.FunctionName));
        w.WriteString("Runtime", f.Runtime);
        w.WriteString("Handler", f.Handler);
        w.WriteNumber("MemorySize", f.MemorySizeMb);
        w.WriteNumber("Timeout", f.TimeoutSeconds);
        w.WriteStartObject("EphemeralStorage");
        w.WriteNumber("Size", f.EphemeralStorageMb);
        w.WriteEndObject();
        w.WriteString("Version", LambdaLimits.LatestVersion);
        w.WriteString("PackageType", "Zip");
        w.WriteString("State", "Active");
        w.WriteStartArray("Architectures");
        w.WriteStringValue(f.Architecture);
        w.WriteEndArray();
        w.WriteStartObject("Environment");
        w.WriteStartObject("Variables");
        foreach (var (key, value) in f.Environment) w.WriteString(key, value);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static async Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) write(writer);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = stream.Length;
        await context.Response.Body.WriteAsync(stream.GetBuffer().AsMemory(0, (int)stream.Length)).ConfigureAwait(false);
    }
}
