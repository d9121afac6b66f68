using DevTools.Engine.Catalog;

namespace DevTools.Engine.Tests.Catalog;

/// <summary>Whatever the user writes, the loader answers with diagnostics: no exception, no internal failure.</summary>
public sealed class RobustnessTests : IDisposable
{
    private readonly TemplateWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    private const string Function = "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: a.b\n";

    public static TheoryData<string> OddTemplates => new()
    {
        "Resources: 5",
        "Resources:\n  Fn: 5",
        "Resources:\n  Fn:\n    Type: [a]",
        "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: 5",
        "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: [a]\n      Handler: {a: b}\n      MemorySize: [1]\n      Timeout: {}\n      EphemeralStorage: 5\n      Environment: {Variables: [1]}\n      CodeUri: [x]\n      Architectures: x\n      FunctionName: [a]\n      ReservedConcurrentExecutions: x\n      PackageType: [Image]",
        "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime:\n      Handler:\n      MemorySize:\n      Environment:\n      CodeUri:\n      EphemeralStorage: {Size: }",
        "Globals: 5\n" + Function,
        "Globals:\n  Function: 5\n" + Function,
        "Parameters: 5\n" + Function,
        "Parameters:\n  P: 5\n" + Function,
        "Parameters:\n  P: {Type: String, Default: !Ref X}\n" + Function + "      Timeout: !Ref P",
        "Conditions:\n  C: 5\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Condition: C\n    Properties: {Runtime: python3.12, Handler: a.b}",
        "Conditions:\n  C: !Equals [a]\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Condition: [C]\n    Properties: {Runtime: python3.12, Handler: a.b}",
        "Mappings: 5\n" + Function + "      Timeout: !FindInMap [a, b, c]",
        Function + "      Environment:\n        Variables:\n          A1: !Ref [a]\n          A2: !Sub {}\n          A3: !Join 5\n          A4: !Select [x, [a]]\n          A5: !FindInMap [a]\n          A6: !If 5\n          A7: !Cidr 5\n          A8: !Base64 [a]\n          A9: !Split [a, [b]]\n          B1: !Equals 5\n          B2: !And [a]\n          B3: !Not 5\n          B4: !GetAtt []\n          B5: !GetAZs\n          B6: !Sub ['${x}', {x: !Sub '${AWS::Region}'}]\n          B7: !Select [-1, [a]]\n          B8: !Cidr ['10.0.0.0/30', 8, 4]\n          B9: !Sub ['${x}', {x: [1]}]\n          C1: !Ref\n          C2: !Sub '${'\n          C3: !Join ['', !Ref AWS::NotificationARNs]\n          C4: !Ref AWS::Nope\n          C5: !Sub ['${AWS::NoValue}', {}]",
        "\0\0\0",
        "\t- x",
        "a: &a [*a]\n",
        "? [a]\n: b\n",
        "---\n...\n---\nResources: {}\n",
        "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Environment: &e\n        Variables: *e",
        "a: " + new string('[', 10_000) + new string(']', 10_000),
        "Conditions:\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"  C{i}: !Condition C{i + 1}\n")) + "  C5000: !Equals [a, a]\n"
            + "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Condition: C0\n    Properties: {Runtime: python3.12, Handler: a.b}",
        "a:\n" + string.Concat(Enumerable.Range(1, 300).Select(i => new string(' ', i) + "b:\n")),
    };

    [Theory]
    [MemberData(nameof(OddTemplates))]
    public void Odd_templates_produce_diagnostics_not_exceptions(string template)
    {
        var catalog = workspace.Load(template);

        Assert.DoesNotContain(catalog.Diagnostics, d => d.Code == DiagnosticCodes.LoaderFailure);
        Assert.All(catalog.Diagnostics, d => Assert.True(d.Location.Line >= 1 && d.Location.Column >= 1));
        Assert.NotEmpty(catalog.Diagnostics);
    }

    [Fact]
    public void Deep_nesting_is_refused_at_the_level_that_exceeds_the_limit()
    {
        var catalog = workspace.Load("a: " + new string('[', 10_000) + new string(']', 10_000));

        // The root map is level 1, so the 128th '[' (column 3 + 128) is the first one too deep.
        CatalogAssert.Single(catalog, DiagnosticCodes.YamlSyntax, DiagnosticSeverity.Error, 1, 3 + YamlTemplateReader.MaxDepth);
    }
}
