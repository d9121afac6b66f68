using DevTools.Engine.Catalog;

namespace DevTools.Engine.Tests.Catalog;

/// <summary>Each rule once, with the exact position of the value (or the resource key when the property is missing).</summary>
public sealed class TemplateValidationTests : IDisposable
{
    private readonly TemplateWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    /// <summary>A function whose line 7 is <paramref name="property"/>, written at column 7.</summary>
    private FunctionCatalog LoadWithProperty(string property) => workspace.Load($"""
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: python3.12
              Handler: app.handler
              {property}
        """);

    [Theory]
    [InlineData("MemorySize: 127", DiagnosticCodes.MemoryOutOfRange, 19)]
    [InlineData("MemorySize: 10241", DiagnosticCodes.MemoryOutOfRange, 19)]
    [InlineData("Timeout: 0", DiagnosticCodes.TimeoutOutOfRange, 16)]
    [InlineData("Timeout: 901", DiagnosticCodes.TimeoutOutOfRange, 16)]
    [InlineData("EphemeralStorage: { Size: 511 }", DiagnosticCodes.EphemeralStorageOutOfRange, 33)]
    [InlineData("EphemeralStorage: { Size: 10241 }", DiagnosticCodes.EphemeralStorageOutOfRange, 33)]
    [InlineData("ReservedConcurrentExecutions: -1", DiagnosticCodes.NegativeReservedConcurrency, 37)]
    [InlineData("PackageType: Image", DiagnosticCodes.ImagePackageNotSupported, 20)]
    [InlineData("Architectures: [sparc]", DiagnosticCodes.InvalidArchitecture, 22)]
    [InlineData("Architectures: [x86_64, arm64]", DiagnosticCodes.InvalidArchitecture, 22)]
    [InlineData("MemorySize: abc", DiagnosticCodes.InvalidPropertyType, 19)]
    [InlineData("Environment: [a]", DiagnosticCodes.InvalidPropertyType, 20)]
    [InlineData("CodeUri: missing/dir", DiagnosticCodes.CodeDirectoryNotFound, 16)]
    public void Property_errors_point_at_the_value(string property, string code, int column)
    {
        var catalog = LoadWithProperty(property);

        CatalogAssert.Single(catalog, code, DiagnosticSeverity.Error, 7, column, "Fn");
        Assert.Single(catalog.ErrorsFor("Fn"));
        Assert.NotNull(catalog.Find("Fn")); // still listed, so callers can say why it can't run
    }

    [Theory]
    [InlineData("MemorySize: 128")]
    [InlineData("MemorySize: 10240")]
    [InlineData("Timeout: 1")]
    [InlineData("Timeout: 900")]
    [InlineData("EphemeralStorage: { Size: 512 }")]
    [InlineData("EphemeralStorage: { Size: 10240 }")]
    [InlineData("ReservedConcurrentExecutions: 0")]
    [InlineData("Architectures: [arm64]")]
    [InlineData("PackageType: Zip")]
    public void Limits_are_inclusive(string property)
    {
        CatalogAssert.Clean(LoadWithProperty(property));
    }

    [Theory]
    [InlineData("CodeUri: s3://bucket/code.zip", 16)]
    [InlineData("CodeUri: { Bucket: b, Key: k }", 16)]
    [InlineData("InlineCode: 'print(1)'", 19)]
    public void Code_that_is_not_a_local_folder_is_a_warning_and_the_template_folder_is_used(string property, int column)
    {
        var catalog = LoadWithProperty(property);

        CatalogAssert.Single(catalog, DiagnosticCodes.CodeNotLocal, DiagnosticSeverity.Warning, 7, column, "Fn");
        Assert.False(catalog.HasErrors);
        Assert.Equal(workspace.Root, catalog.Functions.Single().CodeDirectory);
    }

    [Fact]
    public void Code_uri_naming_a_file_is_an_error()
    {
        workspace.Write("code.zip", "not really a zip");

        var catalog = LoadWithProperty("CodeUri: code.zip");

        var error = CatalogAssert.Single(catalog, DiagnosticCodes.CodeDirectoryNotFound, DiagnosticSeverity.Error, 7, 16, "Fn");
        Assert.Contains("is a file", error.Message);
    }

    [Theory]
    [InlineData("python2.7", DiagnosticCodes.UnknownRuntime, DiagnosticSeverity.Error)]
    [InlineData("nodejs18.x", DiagnosticCodes.DeprecatedRuntime, DiagnosticSeverity.Information)]
    public void Runtime_rules_point_at_the_runtime(string runtime, string code, DiagnosticSeverity severity)
    {
        var catalog = workspace.Load($"""
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: app.handler
                  Runtime: {runtime}
            """);

        CatalogAssert.Single(catalog, code, severity, 6, 16, "Fn");
    }

    [Fact]
    public void Missing_runtime_and_handler_are_errors_at_the_resource()
    {
        var catalog = workspace.Load("""
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  MemorySize: 256
            """);

        CatalogAssert.Single(catalog, DiagnosticCodes.MissingRuntime, DiagnosticSeverity.Error, 2, 3, "Fn");
        CatalogAssert.Single(catalog, DiagnosticCodes.MissingHandler, DiagnosticSeverity.Error, 2, 3, "Fn");
        Assert.Equal(2, catalog.ErrorsFor("Fn").Count());
    }

    [Fact]
    public void Image_function_is_one_error_not_three()
    {
        var catalog = workspace.Load("""
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  PackageType: Image
                  ImageUri: my-image:latest
            """);

        CatalogAssert.Single(catalog, DiagnosticCodes.ImagePackageNotSupported, DiagnosticSeverity.Error, 5, 20, "Fn");
        Assert.Single(catalog.ErrorsFor("Fn"));
    }

    [Fact]
    public void Provided_runtimes_need_no_handler()
    {
        var catalog = workspace.Load("""
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: provided.al2023
            """);

        CatalogAssert.Clean(catalog);
        Assert.Equal("", catalog.Functions.Single().Handler);
    }

    [Fact]
    public void Lambda_function_without_code_is_an_error_at_the_resource()
    {
        var catalog = workspace.Load("""
            Resources:
              Raw:
                Type: AWS::Lambda::Function
                Properties: { Handler: index.handler, Runtime: nodejs20.x }
            """);

        CatalogAssert.Single(catalog, DiagnosticCodes.MissingCode, DiagnosticSeverity.Error, 2, 3, "Raw");
    }

    /// <summary>A function whose only environment variable is line 9, name at column 11.</summary>
    private FunctionCatalog LoadWithVariable(string variable) => workspace.Load($"""
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: python3.12
              Handler: app.handler
              Environment:
                Variables:
                  {variable}
        """);

    [Theory]
    [InlineData("1BAD: x")]
    [InlineData("A: x")]
    [InlineData("MY-VAR: x")]
    public void Invalid_variable_names_are_errors_at_the_name(string variable)
    {
        CatalogAssert.Single(LoadWithVariable(variable), DiagnosticCodes.InvalidEnvironmentVariableName, DiagnosticSeverity.Error, 9, 11, "Fn");
    }

    [Theory]
    [InlineData("AWS_REGION: eu-west-1")]
    [InlineData("LAMBDA_TASK_ROOT: /tmp")]
    [InlineData("_HANDLER: x")]
    public void Reserved_variable_names_are_warnings_at_the_name(string variable)
    {
        var catalog = LoadWithVariable(variable);

        CatalogAssert.Single(catalog, DiagnosticCodes.ReservedEnvironmentVariable, DiagnosticSeverity.Warning, 9, 11, "Fn");
        Assert.False(catalog.HasErrors);
    }

    [Fact]
    public void Valid_variable_names_pass()
    {
        CatalogAssert.Clean(LoadWithVariable("Ab_9: x"));
    }

    [Fact]
    public void Environment_over_4_kb_is_a_warning_at_the_variables()
    {
        var catalog = LoadWithVariable("BIG: " + new string('x', 4096));

        var warning = CatalogAssert.Single(catalog, DiagnosticCodes.EnvironmentTooLarge, DiagnosticSeverity.Warning, 9, 11, "Fn");
        Assert.Contains("4099", warning.Message); // "BIG" + 4096 bytes
    }

    [Fact]
    public void Environment_of_exactly_4_kb_passes()
    {
        CatalogAssert.Clean(LoadWithVariable("BIG: " + new string('x', 4096 - 3)));
    }

    [Fact]
    public void Duplicate_function_name_is_an_error_at_the_second_name()
    {
        var catalog = workspace.Load("""
            Resources:
              A:
                Type: AWS::Serverless::Function
                Properties: { Runtime: python3.12, Handler: a.b, FunctionName: same }
              B:
                Type: AWS::Serverless::Function
                Properties: { Runtime: python3.12, Handler: a.b, FunctionName: same }
            """);

        CatalogAssert.Single(catalog, DiagnosticCodes.DuplicateFunctionName, DiagnosticSeverity.Error, 7, 68, "B");
    }

    [Fact]
    public void A_value_from_globals_is_reported_where_globals_set_it()
    {
        var catalog = workspace.Load("""
            Globals:
              Function:
                MemorySize: 20000
                Runtime: python3.12
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: app.handler
            """);

        CatalogAssert.Single(catalog, DiagnosticCodes.MemoryOutOfRange, DiagnosticSeverity.Error, 3, 17, "Fn");
    }

    [Fact]
    public void Function_architectures_replace_the_globals_instead_of_adding_to_them()
    {
        var catalog = workspace.Load("""
            Globals:
              Function:
                Architectures: [x86_64]
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.handler
                  Architectures: [arm64]
            """);

        CatalogAssert.Clean(catalog);
        Assert.Equal("arm64", catalog.Functions.Single().Architecture);
    }

    [Fact]
    public void Diagnostics_render_as_file_line_column()
    {
        var catalog = LoadWithProperty("Timeout: 0");

        var text = CatalogAssert.Single(catalog, DiagnosticCodes.TimeoutOutOfRange).ToString();

        Assert.Equal($"{workspace.TemplatePath}(7,16): error DT3003: Timeout is 0 seconds; Lambda accepts 1–900 seconds.", text);
    }
}
