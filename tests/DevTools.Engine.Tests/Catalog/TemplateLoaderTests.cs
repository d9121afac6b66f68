using DevTools.Engine.Catalog;

namespace DevTools.Engine.Tests.Catalog;

public sealed class TemplateLoaderTests : IDisposable
{
    private readonly TemplateWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    private const string OrdersTemplate = """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Description: Orders service

        Parameters:
          Stage:
            Type: String
            Default: dev
            AllowedValues: [dev, prod]
          TableName:
            Type: String
            Default: orders
          Unused:
            Type: String

        Conditions:
          IsProd: !Equals [!Ref Stage, prod]

        Mappings:
          StageConfig:
            dev:
              Memory: 256
            prod:
              Memory: 1024

        Globals:
          Function:
            Runtime: python3.12
            Timeout: 10
            MemorySize: !FindInMap [StageConfig, !Ref Stage, Memory]
            Environment:
              Variables:
                STAGE: !Ref Stage
                TABLE_NAME: !Sub '${TableName}-${Stage}'
                REGION: !Ref AWS::Region

        Resources:
          CreateOrderFunction:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: src/create_order/
              Handler: app.handler
              Timeout: 30
              Environment:
                Variables:
                  TABLE_NAME: explicit-table
                  DEBUG: !If [IsProd, 'false', 'true']
              Architectures: [arm64]
          ListOrdersFunction:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: !Sub '${AWS::StackName}-list-orders'
              CodeUri: src/list_orders
              Handler: app.list
              Runtime: nodejs22.x
              EphemeralStorage:
                Size: 1024
              ReservedConcurrentExecutions: 5
          OrdersTable:
            Type: AWS::DynamoDB::Table
            Properties:
              TableName: !Ref TableName
        """;

    [Fact]
    public void Realistic_template_with_globals_and_defaults()
    {
        workspace.CreateFolder("src/create_order");
        workspace.CreateFolder("src/list_orders");

        var catalog = workspace.Load(OrdersTemplate);

        CatalogAssert.Clean(catalog);
        Assert.Equal(["CreateOrderFunction", "ListOrdersFunction"], catalog.Functions.Select(f => f.LogicalId));

        var create = catalog.Find("CreateOrderFunction")!;
        Assert.Equal("CreateOrderFunction", create.FunctionName);
        Assert.Equal("python3.12", create.Runtime);
        Assert.Equal("app.handler", create.Handler);
        Assert.Equal(Path.Combine(workspace.Root, "src", "create_order"), create.CodeDirectory);
        Assert.Equal(30, create.TimeoutSeconds);
        Assert.Equal(256, create.MemorySizeMb);
        Assert.Equal(LambdaLimits.DefaultEphemeralStorageMb, create.EphemeralStorageMb);
        Assert.Equal("arm64", create.Architecture);
        Assert.Null(create.ReservedConcurrentExecutions);
        Assert.Equal(new SourceLocation(workspace.TemplatePath, 38, 3), create.Location);
        // Globals' variables merged key by key; the function's TABLE_NAME wins.
        Assert.Equal(new Dictionary<string, string>
        {
            ["STAGE"] = "dev",
            ["TABLE_NAME"] = "explicit-table",
            ["REGION"] = "us-east-1",
            ["DEBUG"] = "true",
        }, create.Environment);

        var list = catalog.Find("local-list-orders")!;
        Assert.Equal("ListOrdersFunction", list.LogicalId);
        Assert.Equal("nodejs22.x", list.Runtime);
        Assert.Equal(10, list.TimeoutSeconds);
        Assert.Equal(1024, list.EphemeralStorageMb);
        Assert.Equal(5, list.ReservedConcurrentExecutions);
        Assert.Equal("x86_64", list.Architecture);
        Assert.Equal("orders-dev", list.Environment["TABLE_NAME"]);
    }

    [Fact]
    public void Parameter_overrides_region_and_env_vars_file_apply_as_in_sam()
    {
        workspace.CreateFolder("src/create_order");
        workspace.CreateFolder("src/list_orders");
        var envFile = workspace.Write("env.json", """
            {
              "CreateOrderFunction": { "TABLE_NAME": "local-table", "NOT_DECLARED": "x" },
              "local-list-orders": { "TABLE_NAME": "by-function-name" },
              "Parameters": { "STAGE": "local", "REGION": "eu-west-1", "ONLY_HERE": "y" }
            }
            """);

        var catalog = workspace.Load(OrdersTemplate, new TemplateOptions
        {
            ParameterOverrides = ParameterOverrides.Parse("Stage=prod TableName=\"my orders\""),
            Region = "eu-central-1",
            EnvVarsFile = envFile,
        });

        CatalogAssert.Clean(catalog);
        var create = catalog.Find("CreateOrderFunction")!;
        Assert.Equal(1024, create.MemorySizeMb); // FindInMap keyed by the overridden Stage
        Assert.Equal(new Dictionary<string, string>
        {
            ["STAGE"] = "local",            // Parameters section applies to every function
            ["TABLE_NAME"] = "local-table", // the function's own section wins
            ["REGION"] = "eu-west-1",
            ["DEBUG"] = "false",            // IsProd is true with Stage=prod
        }, create.Environment);

        var list = catalog.Find("ListOrdersFunction")!;
        Assert.Equal("by-function-name", list.Environment["TABLE_NAME"]); // section found by FunctionName
        Assert.False(list.Environment.ContainsKey("ONLY_HERE"));           // only declared variables are overridden

        var unused = CatalogAssert.Single(catalog, DiagnosticCodes.EnvVarsFileUnusedVariable, DiagnosticSeverity.Information, 2, 57, "CreateOrderFunction");
        Assert.Equal(envFile, unused.Location.File);
    }

    [Fact]
    public void Overriding_a_parameter_the_template_does_not_declare_is_reported_and_ignored()
    {
        var catalog = workspace.Load("""
            Parameters:
              Stage:
                Type: String
                Default: dev
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.handler
                  Environment:
                    Variables:
                      STAGE: !Ref Stage
            """, new TemplateOptions { ParameterOverrides = new Dictionary<string, string> { ["Stag"] = "prod" } });

        CatalogAssert.Single(catalog, DiagnosticCodes.UnknownParameterOverride, DiagnosticSeverity.Information, 1, 1);
        Assert.Equal("dev", catalog.Functions[0].Environment["STAGE"]);
    }

    [Fact]
    public void Parameter_value_outside_allowed_values_is_a_warning_at_the_default()
    {
        var catalog = workspace.Load("""
            Parameters:
              Stage:
                Type: String
                Default: test
                AllowedValues: [dev, prod]
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.handler
            """);

        CatalogAssert.Single(catalog, DiagnosticCodes.ParameterValueNotAllowed, DiagnosticSeverity.Warning, 4, 14);
    }

    [Fact]
    public void Missing_template_file_is_an_error_not_an_exception()
    {
        var path = Path.Combine(workspace.Root, "nope", "template.yaml");

        var catalog = TemplateLoader.Load(path, new TemplateOptions());

        Assert.Empty(catalog.Functions);
        Assert.True(catalog.HasErrors);
        var error = CatalogAssert.Single(catalog, DiagnosticCodes.TemplateNotFound, DiagnosticSeverity.Error, 1, 1);
        Assert.Equal(path, error.Location.File);
    }

    [Fact]
    public void A_folder_loads_its_template_yaml()
    {
        workspace.Write("template.yaml", """
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties: { Runtime: python3.12, Handler: app.handler }
            """);

        var catalog = TemplateLoader.Load(workspace.Root, new TemplateOptions());

        CatalogAssert.Clean(catalog);
        Assert.Equal(workspace.TemplatePath, catalog.TemplatePath);
        Assert.Equal(workspace.Root, catalog.Functions.Single().CodeDirectory);
    }

    [Theory]
    [InlineData("Resources:\n  Fn:\n    Type: [unclosed\n", 4, 1)]
    [InlineData("A: [1, 2\nB: x\n", 1, 4)] // YamlDotNet throws InvalidOperationException here; the open '[' is reported
    [InlineData("Resources:\n  Fn:\n    Type: 'unterminated\n", 3, 11)]
    [InlineData("Resources:\n  Fn:\n    Type: a: b\n", 3, 12)]
    [InlineData("Resources:\n  Fn: {Type: x\n", 3, 1)]
    [InlineData("Resources:\n  Fn: 1\n  Fn: 2\n", 3, 3)]
    public void Malformed_yaml_is_an_error_at_the_parser_position(string yaml, int line, int column)
    {
        var catalog = workspace.Load(yaml);

        Assert.Empty(catalog.Functions);
        CatalogAssert.Single(catalog, DiagnosticCodes.YamlSyntax, DiagnosticSeverity.Error, line, column);
    }

    [Fact]
    public void Empty_template_and_non_map_root_are_structure_errors()
    {
        var empty = workspace.Load("");
        CatalogAssert.Single(empty, DiagnosticCodes.InvalidTemplateStructure, DiagnosticSeverity.Error, 1, 1);

        var list = workspace.Load("- a\n- b\n");
        CatalogAssert.Single(list, DiagnosticCodes.InvalidTemplateStructure, DiagnosticSeverity.Error, 1, 1);
    }

    [Fact]
    public void Template_without_functions_is_a_warning_at_resources()
    {
        var catalog = workspace.Load("""
            Description: just a table
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
            """);

        CatalogAssert.Single(catalog, DiagnosticCodes.NoFunctions, DiagnosticSeverity.Warning, 2, 1);
        Assert.False(catalog.HasErrors);
    }

    [Fact]
    public void Unknown_local_tag_is_a_warning_and_the_value_is_kept()
    {
        var catalog = workspace.Load("""
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: !Handler app.handler
            """);

        CatalogAssert.Single(catalog, DiagnosticCodes.UnknownTag, DiagnosticSeverity.Warning, 6, 16);
        Assert.Equal("app.handler", catalog.Functions[0].Handler);
    }

    [Fact]
    public void Resource_condition_false_leaves_the_function_out()
    {
        var catalog = workspace.Load("""
            Parameters:
              Stage: { Type: String, Default: dev }
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            Resources:
              ProdOnly:
                Type: AWS::Serverless::Function
                Condition: IsProd
                Properties: { Runtime: python3.12, Handler: app.handler }
              Always:
                Type: AWS::Serverless::Function
                Properties: { Runtime: python3.12, Handler: app.handler }
            """);

        Assert.Equal(["Always"], catalog.Functions.Select(f => f.LogicalId));
        CatalogAssert.Single(catalog, DiagnosticCodes.FunctionSkippedByCondition, DiagnosticSeverity.Information, 8, 16, "ProdOnly");
    }

    [Fact]
    public void Lambda_function_resource_is_read_with_code_as_a_local_path()
    {
        workspace.CreateFolder("build/fn");

        var catalog = workspace.Load("""
            Resources:
              Raw:
                Type: AWS::Lambda::Function
                Properties:
                  Handler: index.handler
                  Runtime: nodejs20.x
                  Code: build/fn
                  MemorySize: 512
                  Timeout: 60
                  EphemeralStorage:
                    Size: 2048
                  Environment:
                    Variables:
                      MODE: raw
            """);

        CatalogAssert.Clean(catalog);
        var raw = catalog.Functions.Single();
        Assert.Equal((512, 60, 2048), (raw.MemorySizeMb, raw.TimeoutSeconds, raw.EphemeralStorageMb));
        Assert.Equal(Path.Combine(workspace.Root, "build", "fn"), raw.CodeDirectory);
        Assert.Equal("raw", raw.Environment["MODE"]);
    }

    [Fact]
    public void Globals_do_not_apply_to_lambda_function_resources()
    {
        var catalog = workspace.Load("""
            Globals:
              Function:
                Timeout: 99
            Resources:
              Raw:
                Type: AWS::Lambda::Function
                Properties: { Handler: index.handler, Runtime: nodejs20.x, Code: . }
            """);

        Assert.Equal(LambdaLimits.DefaultTimeoutSeconds, catalog.Functions.Single().TimeoutSeconds);
    }

    [Fact]
    public void Load_from_text_reads_an_unsaved_buffer_relative_to_its_path()
    {
        workspace.CreateFolder("code");
        var path = Path.Combine(workspace.Root, "unsaved.yaml");

        var catalog = TemplateLoader.LoadFromText(path, """
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties: { Runtime: python3.12, Handler: app.handler, CodeUri: code }
            """, new TemplateOptions());

        CatalogAssert.Clean(catalog);
        Assert.Equal(Path.Combine(workspace.Root, "code"), catalog.Functions.Single().CodeDirectory);
    }
}
