using DevTools.Engine.Catalog;

namespace DevTools.Engine.Tests.Catalog;

public sealed class EnvVarsFileTests : IDisposable
{
    private readonly TemplateWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    private const string Template = """
        Resources:
          First:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: python3.12
              Handler: app.handler
              FunctionName: first-name
              Environment:
                Variables:
                  AA: template-a
                  BB: template-b
                  CC: template-c
          Second:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: python3.12
              Handler: app.handler
              Environment:
                Variables:
                  AA: second-a
        """;

    private FunctionCatalog LoadWithEnvFile(string json)
    {
        var envFile = workspace.Write("env.json", json);
        return workspace.Load(Template, new TemplateOptions { EnvVarsFile = envFile });
    }

    private string EnvFilePath => Path.Combine(workspace.Root, "env.json");

    [Fact]
    public void Values_are_stringified_as_sam_does()
    {
        var catalog = LoadWithEnvFile("""{ "First": { "AA": 42, "BB": true, "CC": null } }""");

        CatalogAssert.Clean(catalog);
        Assert.Equal(new Dictionary<string, string> { ["AA"] = "42", ["BB"] = "true", ["CC"] = "" }, catalog.Find("First")!.Environment);
        Assert.Equal("second-a", catalog.Find("Second")!.Environment["AA"]);
    }

    [Fact]
    public void Logical_id_section_is_used_before_the_function_name_section_and_they_do_not_merge()
    {
        var catalog = LoadWithEnvFile("""{ "First": { "AA": "by-id" }, "first-name": { "BB": "by-name" } }""");

        var first = catalog.Find("First")!;
        Assert.Equal("by-id", first.Environment["AA"]);
        Assert.Equal("template-b", first.Environment["BB"]);
    }

    [Fact]
    public void An_empty_logical_id_section_falls_through_to_the_function_name_section()
    {
        var catalog = LoadWithEnvFile("""{ "First": {}, "first-name": { "BB": "by-name" } }""");

        Assert.Equal("by-name", catalog.Find("First")!.Environment["BB"]);
    }

    [Fact]
    public void Parameters_section_applies_to_every_function_that_declares_the_variable()
    {
        var catalog = LoadWithEnvFile("""{ "Parameters": { "AA": "everyone", "CC": "only-first-has-c" }, "Second": { "AA": "second-own" } }""");

        Assert.Equal("everyone", catalog.Find("First")!.Environment["AA"]);
        Assert.Equal("only-first-has-c", catalog.Find("First")!.Environment["CC"]);
        Assert.Equal("second-own", catalog.Find("Second")!.Environment["AA"]);
        Assert.False(catalog.Find("Second")!.Environment.ContainsKey("CC"));
    }

    [Fact]
    public void A_section_naming_no_function_is_reported_at_its_key()
    {
        var catalog = LoadWithEnvFile("{\n  \"Frist\": { \"AA\": \"typo\" }\n}");

        var info = CatalogAssert.Single(catalog, DiagnosticCodes.EnvVarsFileUnknownFunction, DiagnosticSeverity.Information, 2, 3);
        Assert.Equal(EnvFilePath, info.Location.File);
    }

    [Fact]
    public void Invalid_json_is_an_error_at_system_text_json_position()
    {
        var catalog = LoadWithEnvFile("{\n  \"First\": { \"AA\": \"1\", }\n}");

        var error = CatalogAssert.Single(catalog, DiagnosticCodes.EnvVarsFileInvalidJson, DiagnosticSeverity.Error, 2, 25);
        Assert.Equal(EnvFilePath, error.Location.File);
        Assert.Equal("template-a", catalog.Find("First")!.Environment["AA"]); // the template's values stay
    }

    [Fact]
    public void Json_error_column_counts_characters_not_bytes()
    {
        var catalog = LoadWithEnvFile("""{ "First": { "Ä": "é" x } }""");

        CatalogAssert.Single(catalog, DiagnosticCodes.EnvVarsFileInvalidJson, DiagnosticSeverity.Error, 1, 23);
    }

    [Fact]
    public void A_section_that_is_not_an_object_rejects_the_file()
    {
        var catalog = LoadWithEnvFile("{\n  \"Parameters\": { \"AA\": \"x\" },\n  \"First\": \"oops\"\n}");

        CatalogAssert.Single(catalog, DiagnosticCodes.EnvVarsFileInvalidFormat, DiagnosticSeverity.Error, 3, 12);
        Assert.Equal("template-a", catalog.Find("First")!.Environment["AA"]);
    }

    [Fact]
    public void A_file_that_is_not_an_object_is_an_error()
    {
        var catalog = LoadWithEnvFile("[1, 2]");

        CatalogAssert.Single(catalog, DiagnosticCodes.EnvVarsFileInvalidFormat, DiagnosticSeverity.Error, 1, 1);
    }

    [Fact]
    public void A_nested_value_is_ignored_with_a_warning()
    {
        var catalog = LoadWithEnvFile("""{ "First": { "AA": { "x": 1 }, "BB": "kept" } }""");

        CatalogAssert.Single(catalog, DiagnosticCodes.EnvVarsFileInvalidFormat, DiagnosticSeverity.Warning, 1, 20);
        Assert.Equal("template-a", catalog.Find("First")!.Environment["AA"]);
        Assert.Equal("kept", catalog.Find("First")!.Environment["BB"]);
    }

    [Fact]
    public void A_missing_env_file_is_an_error_at_that_file()
    {
        var missing = Path.Combine(workspace.Root, "absent.json");

        var catalog = workspace.Load(Template, new TemplateOptions { EnvVarsFile = missing });

        var error = CatalogAssert.Single(catalog, DiagnosticCodes.EnvVarsFileNotFound, DiagnosticSeverity.Error, 1, 1);
        Assert.Equal(missing, error.Location.File);
        Assert.Equal(2, catalog.Functions.Count);
    }
}
