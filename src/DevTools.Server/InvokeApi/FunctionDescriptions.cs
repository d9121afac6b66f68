using System.Buffers;
using System.Text.Json;
using DevTools.Engine;
using DevTools.Engine.Catalog;
using DevTools.Engine.Invocation;

namespace DevTools.Server.InvokeApi;

/// <summary><c>ListFunctions</c> and <c>GetFunction</c>: the template's functions as Lambda describes them.</summary>
internal static class FunctionDescriptions
{
    public static InvokeApiResponse List(LambdaEngine engine) =>
        Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("Functions");
            foreach (var function in engine.Catalog.Functions) WriteConfiguration(w, engine, function);
            w.WriteEndArray();
            w.WriteEndObject();
        });

    public static InvokeApiResponse One(LambdaEngine engine, string name, string? qualifier)
    {
        var function = FunctionResolver.Resolve(engine.Catalog, name, qualifier, engine.Options);
        return Json(w =>
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
        });
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
        if (f.Layers.Count > 0)
        {
            w.WriteStartArray("Layers");
            foreach (var layer in f.Layers)
            {
                w.WriteStartObject();
                w.WriteString("Arn", LayerArn(engine, layer));
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    /// <summary>A mapped layer keeps its ARN; a template's layer gets the one a deploy would give its first version.</summary>
    private static string LayerArn(LambdaEngine engine, LayerConfiguration layer) =>
        layer.Name.StartsWith("arn:", StringComparison.Ordinal)
            ? layer.Name
            : $"arn:aws:lambda:{engine.Options.Region}:{engine.Options.AccountId}:layer:{layer.Name}:1";

    private static InvokeApiResponse Json(Action<Utf8JsonWriter> write)
    {
        var body = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(body)) write(writer);
        return InvokeApiResponse.Json(200, body.WrittenMemory);
    }
}
