using DevTools.Engine.Catalog;

namespace DevTools.Engine.Tests.Catalog;

/// <summary>Layers as the template declares them: in-template layers by !Ref, ARNs mapped to folders, Globals, Lambda's limit.</summary>
public sealed class LayerCatalogTests : IDisposable
{
    private readonly TemplateWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    private const string Arn = "arn:aws:lambda:us-east-1:123456789012:layer:shared-utils:7";

    [Fact]
    public void FunctionsGetTheirLayersInOrderGlobalsFirst()
    {
        workspace.CreateFolder("layers/common");
        workspace.CreateFolder("layers/extra");
        workspace.CreateFolder("src");
        var catalog = workspace.Load($$"""
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Layers: [!Ref CommonLayer]
            Resources:
              CommonLayer:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: layers/common
                  CompatibleRuntimes: [nodejs22.x]
              ExtraLayer:
                Type: AWS::Lambda::LayerVersion
                Properties:
                  Content: layers/extra
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: nodejs22.x
                  Handler: index.handler
                  CodeUri: src
                  Layers: [!Ref ExtraLayer]
            """);

        var function = Assert.Single(catalog.Functions);
        Assert.Equal([("CommonLayer", Path.Combine(workspace.Root, "layers/common")), ("ExtraLayer", Path.Combine(workspace.Root, "layers/extra"))],
            function.Layers.Select(l => (l.Name, l.Directory)));
        Assert.DoesNotContain(catalog.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(catalog.Diagnostics, d => d.Message.Contains("physical id")); // a layer's !Ref is the layer, not a deployed ARN
    }

    [Fact]
    public void AnArnIsAWarningUntilItIsMappedToAFolder()
    {
        workspace.CreateFolder("src");
        var template = $$"""
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.handler
                  CodeUri: src
                  Layers:
                    - {{Arn}}
            """;
        var unmapped = workspace.Load(template);
        var warning = CatalogAssert.Single(unmapped, DiagnosticCodes.LayerNotLocal);
        Assert.Contains("--layer-map", warning.Message);
        Assert.Equal(9, warning.Location.Line);
        Assert.Empty(Assert.Single(unmapped.Functions).Layers);
        Assert.True(unmapped.IsRunnable(unmapped.Functions[0])); // it runs, without the layer

        var folder = workspace.CreateFolder("downloaded/shared-utils");
        var mapped = workspace.Load(template, new TemplateOptions { LayerMap = new Dictionary<string, string> { [Arn] = folder } });
        Assert.DoesNotContain(mapped.Diagnostics, d => d.Code == DiagnosticCodes.LayerNotLocal);
        Assert.Equal((Arn, folder), Assert.Single(mapped.Functions[0].Layers) is var layer ? (layer.Name, layer.Directory) : default);
    }

    [Fact]
    public void MoreThanFiveLayersIsAnErrorAtTheSixth()
    {
        workspace.CreateFolder("src");
        var catalog = workspace.Load($$"""
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.handler
                  CodeUri: src
                  Layers:
                    - {{Arn}}1
                    - {{Arn}}2
                    - {{Arn}}3
                    - {{Arn}}4
                    - {{Arn}}5
                    - {{Arn}}6
            """);
        var error = CatalogAssert.Single(catalog, DiagnosticCodes.TooManyLayers);
        Assert.Equal(14, error.Location.Line);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
    }

    [Fact]
    public void ALayerThatIsNotALayerOrHasNoLocalContentIsSaidSo()
    {
        workspace.CreateFolder("src");
        var catalog = workspace.Load("""
            Resources:
              InS3:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: s3://bucket/layer.zip
              Missing:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: layers/missing
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.handler
                  CodeUri: src
                  Layers: [!Ref InS3, !Ref Missing, 42]
            """);
        Assert.Contains(catalog.Diagnostics, d => d.Code == DiagnosticCodes.CodeNotLocal && d.Message.Contains("InS3"));
        Assert.Contains(catalog.Diagnostics, d => d.Code == DiagnosticCodes.CodeDirectoryNotFound && d.Message.Contains("Missing"));
        Assert.Equal(16, CatalogAssert.Single(catalog, DiagnosticCodes.InvalidLayer).Location.Line);
        Assert.Equal(["Missing"], catalog.Functions[0].Layers.Select(l => l.Name));
    }

    [Fact]
    public void ALayerForOtherRuntimesOrArchitecturesIsAWarningWhereTheFunctionNamesIt()
    {
        workspace.CreateFolder("layers/py");
        workspace.CreateFolder("src");
        var catalog = workspace.Load("""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              PyLayer:
                Type: AWS::Serverless::LayerVersion
                Properties:
                  ContentUri: layers/py
                  CompatibleRuntimes: [python3.12, python3.13]
                  CompatibleArchitectures: [arm64]
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: nodejs22.x
                  Handler: index.handler
                  CodeUri: src
                  Layers: [!Ref PyLayer]
              PyFn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.13
                  Architectures: [arm64]
                  Handler: app.handler
                  CodeUri: src
                  Layers: [!Ref PyLayer]
            """);

        var warnings = catalog.Diagnostics.Where(d => d.Code == DiagnosticCodes.LayerIncompatible).ToList();
        Assert.Equal(2, warnings.Count); // PyFn fits: nothing about it
        Assert.All(warnings, w => Assert.Equal((DiagnosticSeverity.Warning, "Fn", 15), (w.Severity, w.FunctionId, w.Location.Line)));
        Assert.Contains(warnings, w => w.Message == "Layer 'PyLayer' lists CompatibleRuntimes [python3.12, python3.13], not nodejs22.x.");
        Assert.Contains(warnings, w => w.Message == "Layer 'PyLayer' lists CompatibleArchitectures [arm64], not x86_64.");
        Assert.Equal(2, catalog.Functions.Count); // a warning only: Lambda itself does not refuse such a layer
    }
}
