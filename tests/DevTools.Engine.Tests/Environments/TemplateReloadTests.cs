using DevTools.Engine.Catalog;
using DevTools.Engine.Events;
using DevTools.Tests.Shared;

namespace DevTools.Engine.Tests.Environments;

/// <summary>Editing the template retires the changed functions' environments; the others stay warm.</summary>
public sealed class TemplateReloadTests
{
    [Fact]
    public async Task ChangingAFunctionInTheTemplateRetiresOnlyItsEnvironments()
    {
        var dir = Path.Combine(Path.GetTempPath(), "devtools-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var template = Path.Combine(dir, "template.yaml");
        var code = Path.Combine(TestFunctions.FunctionsDirectory, "probe");
        string Yaml(int memory) => $"""
            Resources:
              Changed:
                Type: AWS::Serverless::Function
                Properties: {"{"} Runtime: provided.al2023, Handler: probe, CodeUri: {code}, MemorySize: {memory} {"}"}
              Untouched:
                Type: AWS::Serverless::Function
                Properties: {"{"} Runtime: provided.al2023, Handler: probe, CodeUri: {code} {"}"}
            """;
        await File.WriteAllTextAsync(template, Yaml(256));

        var options = new TemplateOptions();
        var engine = new LambdaEngine(TemplateLoader.Load(template, options), new EngineOptions { WatchCode = true }, () => TemplateLoader.Load(template, options));
        var events = new System.Collections.Concurrent.ConcurrentQueue<LifecycleEvent>();
        using var subscription = engine.Events.Subscribe(events.Enqueue);
        await using (engine)
        {
            var changed = await engine.InvokeAsync(new() { FunctionName = "Changed", WaitForReport = true });
            var untouched = await engine.InvokeAsync(new() { FunctionName = "Untouched", WaitForReport = true });

            await File.WriteAllTextAsync(template, Yaml(512));
            await Poll.UntilAsync(() => events.OfType<EnvironmentRetired>().Any(), TimeSpan.FromSeconds(10));

            var retired = Assert.Single(events.OfType<EnvironmentRetired>());
            Assert.Equal(changed.EnvironmentId, retired.EnvironmentId);
            Assert.Equal(EnvironmentReason.ConfigurationChanged, retired.Reason);
            Assert.Equal(512, engine.Catalog.Find("Changed")!.MemorySizeMb);

            var again = await engine.InvokeAsync(new() { FunctionName = "Changed", WaitForReport = true });
            Assert.True(again.ColdStart);
            Assert.Equal(512, again.Metrics!.MemorySizeMb);
            var warm = await engine.InvokeAsync(new() { FunctionName = "Untouched", WaitForReport = true });
            Assert.False(warm.ColdStart);
            Assert.Equal(untouched.EnvironmentId, warm.EnvironmentId);
        }
    }

    [Fact]
    public async Task AnInvalidTemplateMidSessionKeepsTheEngineUpAndReportsTheErrors()
    {
        var dir = Path.Combine(Path.GetTempPath(), "devtools-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var template = Path.Combine(dir, "template.yaml");
        var code = Path.Combine(TestFunctions.FunctionsDirectory, "probe");
        await File.WriteAllTextAsync(template, $"Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {{ Runtime: provided.al2023, Handler: probe, CodeUri: {code} }}\n");
        var options = new TemplateOptions();
        await using var engine = new LambdaEngine(TemplateLoader.Load(template, options), new EngineOptions { WatchCode = false }, () => TemplateLoader.Load(template, options));
        Assert.Null((await engine.InvokeAsync(new() { FunctionName = "Fn" })).FunctionError);

        await File.WriteAllTextAsync(template, "Resources: [ this is not : valid");
        var catalog = await engine.ReloadAsync();
        Assert.True(catalog.HasErrors);
        var e = await Assert.ThrowsAsync<DevTools.Engine.Invocation.LambdaServiceException>(() => engine.InvokeAsync(new() { FunctionName = "Fn" }));
        Assert.Equal("ResourceNotFoundException", e.ErrorType);
    }
}
