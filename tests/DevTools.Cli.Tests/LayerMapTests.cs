using DevTools.Tests.Shared;

namespace DevTools.Cli.Tests;

/// <summary>A layer the template names by ARN: a warning until <c>--layer-map ARN=DIR</c> gives its folder.</summary>
public sealed class LayerMapTests
{
    private const string Arn = "arn:aws:lambda:us-east-1:123456789012:layer:greet:3";

    [Fact]
    public async Task AnArnLayerRunsFromTheFolderItIsMappedTo()
    {
        var layers = Path.Combine(TestFunctions.FunctionsDirectory, "layers");
        var dir = Path.Combine(Path.GetTempPath(), "devtools-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "template.yaml"), $"""
            Resources:
              Layered:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: nodejs22.x
                  Handler: index.handler
                  CodeUri: {Path.Combine(layers, "function")}
                  Layers: [{Arn}]
            """);

        var validated = await CliRunner.RunAsync(dir, null, "validate");
        Assert.Contains("DT3024", validated.Stderr + validated.Stdout);
        Assert.Contains("--layer-map", validated.Stderr + validated.Stdout);

        var bad = await CliRunner.RunAsync(dir, null, "invoke", "--layer-map", "not-an-arn");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("is not ARN=DIR", bad.Stderr);

        var result = await CliRunner.RunAsync(dir, null, "invoke", "--layer-map", $"{Arn}={Path.Combine(layers, "layer-a")}");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("hello function, from layer a", result.Stdout);
    }
}
