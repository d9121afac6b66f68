using System.Text.Json;
using DevTools.Engine.Catalog;
using DevTools.Engine.Events;
using DevTools.Engine.Isolation;
using DevTools.Tests.Shared;

namespace DevTools.Engine.Tests.Runtimes;

/// <summary>Functions using their layers as on Lambda: packages and modules from /opt, a later layer's file winning, /var/task.</summary>
public sealed class LayerTests
{
    private static string Folder(string name) => Path.Combine(TestFunctions.FunctionsDirectory, "layers", name);

    private static FunctionConfiguration WithLayers(FunctionConfiguration function, params string[] layers) =>
        function with { Layers = [.. layers.Select(l => new LayerConfiguration(l, Folder(l)))] };

    [Fact]
    public async Task ANodeFunctionUsesItsLayersAndTheLaterLayerWins()
    {
        var function = WithLayers(TestFunctions.Managed("Layered", "nodejs22.x", "layers/function", "index.handler"), "layer-a", "layer-b");
        await using var test = new TestEngine(function);
        var result = await test.InvokeAsync("Layered");
        Assert.True(result.FunctionError is null, result.Text());
        var json = result.Json();

        Assert.Equal("hello function, from layer a", json.GetProperty("greeting").GetString()); // /opt/nodejs/node_modules
        Assert.Equal("layer-tool ran", json.GetProperty("tool").GetString()); // /opt/bin on PATH
        Assert.Equal("data", json.GetProperty("data").GetProperty("own").GetString()); // the function's own file
        if (test.Engine.Isolation.PrivateTmp && LambdaLayout.Available)
        {
            // Lambda's layout: the code at /var/task, the layers merged at /opt (layer-b's config.json over layer-a's).
            Assert.Equal("/var/task", json.GetProperty("taskRoot").GetString());
            Assert.Equal("/var/task/index.js", json.GetProperty("file").GetString());
            Assert.Equal("/var/task", json.GetProperty("cwd").GetString());
            Assert.Equal("layer-b", json.GetProperty("config").GetProperty("from").GetString());
            Assert.StartsWith("/opt/nodejs/node_modules", json.GetProperty("nodePath").GetString());
        }
        else
        {
            Assert.Equal(Folder("function"), json.GetProperty("taskRoot").GetString());
        }
    }

    [Fact]
    public async Task AWrapperScriptFromALayerStartsTheRuntime()
    {
        var function = WithLayers(TestFunctions.Managed("Wrapped", "nodejs22.x", "layers/function", "index.handler"), "layer-a", "layer-b") with
        {
            Environment = new Dictionary<string, string> { ["AWS_LAMBDA_EXEC_WRAPPER"] = "/opt/wrapper" },
        };
        await using var test = new TestEngine(function);
        var result = await test.InvokeAsync("Wrapped");
        Assert.True(result.FunctionError is null, result.Text());
        Assert.Equal("layer-b", result.Json().GetProperty("wrappedBy").GetString());

        var missing = function with { FunctionName = "Unwrapped", LogicalId = "Unwrapped", Environment = new Dictionary<string, string> { ["AWS_LAMBDA_EXEC_WRAPPER"] = "/opt/nope" } };
        await using var broken = new TestEngine(missing);
        var failed = await broken.InvokeAsync("Unwrapped");
        Assert.Equal("Runtime.InvalidEntrypoint", failed.ErrorType);
    }

    [Fact]
    public async Task APythonFunctionImportsAModuleFromItsLayer()
    {
        var function = WithLayers(TestFunctions.Managed("LayeredPython", "python3.12", "layers/function", "app.handler"), "layer-a");
        await using var test = new TestEngine(function);
        var result = await test.InvokeAsync("LayeredPython");
        Assert.True(result.FunctionError is null, result.Text());
        var json = result.Json();
        Assert.Equal("LAYERS!", json.GetProperty("shouted").GetString());
        if (test.Engine.Isolation.PrivateTmp && LambdaLayout.Available)
            Assert.Equal("/opt/python/shout.py", json.GetProperty("module").GetString());
    }

    [Fact]
    public async Task AChangeInALayerRetiresTheEnvironmentsThatUseIt()
    {
        var layer = TestFunctions.CopyOf("layers/layer-b");
        var function = TestFunctions.Managed("Layered", "nodejs22.x", "layers/function", "index.handler") with
        {
            Layers = [new LayerConfiguration("layer-a", Folder("layer-a")), new LayerConfiguration("layer-b", layer)],
        };
        await using var test = new TestEngine(TestFunctions.Catalog(function), new EngineOptions { WatchCode = true });
        var first = await test.InvokeAsync("Layered");
        Assert.True(first.FunctionError is null, first.Text());

        await File.WriteAllTextAsync(Path.Combine(layer, "config.json"), "{\"from\":\"layer-b, changed\"}");
        var retired = await test.WaitForAsync<EnvironmentRetired>();
        Assert.Equal((first.EnvironmentId, EnvironmentReason.CodeChanged), (retired.EnvironmentId, retired.Reason));

        var again = await test.InvokeAsync("Layered");
        Assert.True(again.ColdStart);
        if (test.Engine.Isolation.PrivateTmp && LambdaLayout.Available)
            Assert.Equal("layer-b, changed", again.Json().GetProperty("config").GetProperty("from").GetString());
    }
}
