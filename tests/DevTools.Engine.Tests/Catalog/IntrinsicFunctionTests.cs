using DevTools.Engine.Catalog;

namespace DevTools.Engine.Tests.Catalog;

public sealed class IntrinsicFunctionTests : IDisposable
{
    private readonly TemplateWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    /// <summary>A template whose function has one environment variable VALUE (line 24, value at column 16).</summary>
    private FunctionCatalog LoadValue(string value, TemplateOptions? options = null) => workspace.Load($$"""
        Parameters:
          Name:
            Type: String
            Default: world
          Zones:
            Type: CommaDelimitedList
            Default: a,b,c
          Missing:
            Type: String
        Mappings:
          M:
            Top:
              Second: mapped
        Conditions:
          Yes: !Equals [x, x]
          No: !Not [!Condition Yes]
        Resources:
          Table:
            Type: AWS::DynamoDB::Table
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: python3.12
              Handler: app.handler
              Environment:
                Variables:
                  VALUE: {{value}}
        """, options);

    private const int ValueLine = 27;
    private const int ValueColumn = 18;

    public static TheoryData<string, string, string> ShortAndLongForms => new()
    {
        { "!Ref Name", "{ Ref: Name }", "world" },
        { "!Sub 'hello ${Name}'", "{ 'Fn::Sub': 'hello ${Name}' }", "hello world" },
        { "!Sub ['${Greeting} ${Name}', { Greeting: hi }]", "{ 'Fn::Sub': ['${Greeting} ${Name}', { Greeting: hi }] }", "hi world" },
        { "!If [Yes, 'yes', 'no']", "{ 'Fn::If': [Yes, 'yes', 'no'] }", "yes" },
        { "!If [No, 'yes', 'no']", "{ 'Fn::If': [No, 'yes', 'no'] }", "no" },
        { "!Join ['-', [a, !Ref Name, c]]", "{ 'Fn::Join': ['-', [a, { Ref: Name }, c]] }", "a-world-c" },
        { "!Select [1, !Ref Zones]", "{ 'Fn::Select': [1, { Ref: Zones }] }", "b" },
        { "!Select [2, !Split [',', 'x,y,z']]", "{ 'Fn::Select': [2, { 'Fn::Split': [',', 'x,y,z'] }] }", "z" },
        { "!FindInMap [M, Top, Second]", "{ 'Fn::FindInMap': [M, Top, Second] }", "mapped" },
        { "!FindInMap [M, Top, Nope, { DefaultValue: fallback }]", "{ 'Fn::FindInMap': [M, Top, Nope, { DefaultValue: fallback }] }", "fallback" },
        { "!Base64 hello", "{ 'Fn::Base64': hello }", "aGVsbG8=" },
        { "!Select [1, !Cidr ['10.0.0.0/16', 4, 8]]", "{ 'Fn::Select': [1, { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }] }", "10.0.1.0/24" },
        { "!Equals [a, b]", "{ 'Fn::Equals': [a, b] }", "false" },
        { "!And [!Condition Yes, !Condition No]", "{ 'Fn::And': [{ Condition: Yes }, { Condition: No }] }", "false" },
        { "!Or [!Condition Yes, !Condition No]", "{ 'Fn::Or': [{ Condition: Yes }, { Condition: No }] }", "true" },
        { "!Not [!Condition No]", "{ 'Fn::Not': [{ Condition: No }] }", "true" },
        { "!GetAtt Table.Arn", "{ 'Fn::GetAtt': [Table, Arn] }", "${Table.Arn}" },
        { "!ImportValue SharedValue", "{ 'Fn::ImportValue': SharedValue }", "${ImportValue SharedValue}" },
        { "!Select [0, !GetAZs '']", "{ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }", "${GetAZs}" },
        { "!Transform { Name: 'AWS::Include' }", "{ 'Fn::Transform': { Name: 'AWS::Include' } }", "${Transform}" },
    };

    [Theory]
    [MemberData(nameof(ShortAndLongForms))]
    public void Short_and_long_forms_resolve_alike(string shortForm, string longForm, string expected)
    {
        var fromShort = LoadValue(shortForm);
        var fromLong = LoadValue(longForm);

        Assert.DoesNotContain(fromShort.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(expected, fromShort.Functions.Single().Environment["VALUE"]);
        Assert.Equal(expected, fromLong.Functions.Single().Environment["VALUE"]);
        Assert.Equal(fromShort.Diagnostics.Select(d => d.Code), fromLong.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Condition_short_form_in_a_value_is_the_condition_as_text()
    {
        // Its long form { Condition: X } exists only inside Fn::And/Or/Not (covered above).
        var catalog = LoadValue("!Condition No");

        CatalogAssert.Clean(catalog);
        Assert.Equal("false", catalog.Functions.Single().Environment["VALUE"]);
    }

    [Fact]
    public void Condition_as_a_long_form_key_is_not_a_function_outside_conditions()
    {
        // { Condition: X } only means a condition reference inside Fn::And/Or/Not; elsewhere it is data.
        var catalog = LoadValue("{ Condition: Yes, Other: 1 }");

        var error = CatalogAssert.Single(catalog, DiagnosticCodes.InvalidPropertyType, DiagnosticSeverity.Error, ValueLine, ValueColumn, "Fn");
        Assert.Contains("VALUE", error.Message);
    }

    [Theory]
    [InlineData("!Sub '${AWS::Region}/${AWS::AccountId}/${AWS::Partition}/${AWS::StackName}/${AWS::URLSuffix}'", "eu-west-3/210987654321/aws/local/amazonaws.com")]
    [InlineData("!Ref AWS::StackId", "arn:aws:cloudformation:eu-west-3:210987654321:stack/local/00000000-0000-0000-0000-000000000000")]
    [InlineData("!Sub 'arn:${AWS::Partition}:s3:::${Name}-${AWS::Region}'", "arn:aws:s3:::world-eu-west-3")]
    [InlineData("!Sub 'literal ${!Name} and ${Name}'", "literal ${Name} and world")]
    [InlineData("!Sub 'no variables, ${ unterminated'", "no variables, ${ unterminated")]
    public void Sub_resolves_pseudo_parameters_from_the_options(string value, string expected)
    {
        var catalog = LoadValue(value, new TemplateOptions { Region = "eu-west-3", AccountId = "210987654321" });

        CatalogAssert.Clean(catalog);
        Assert.Equal(expected, catalog.Functions.Single().Environment["VALUE"]);
    }

    [Fact]
    public void China_regions_get_their_partition_and_url_suffix()
    {
        var catalog = LoadValue("!Sub '${AWS::Partition} ${AWS::URLSuffix}'", new TemplateOptions { Region = "cn-north-1" });

        Assert.Equal("aws-cn amazonaws.com.cn", catalog.Functions.Single().Environment["VALUE"]);
    }

    [Fact]
    public void Unresolvable_getatt_is_a_warning_at_the_tag_with_a_placeholder()
    {
        var catalog = LoadValue("!GetAtt Table.Arn");

        var warning = CatalogAssert.Single(catalog, DiagnosticCodes.UnresolvableIntrinsic, DiagnosticSeverity.Warning, ValueLine, ValueColumn, "Fn");
        Assert.Equal(workspace.TemplatePath, warning.Location.File);
        Assert.Contains("Table.Arn", warning.Message);
        Assert.False(catalog.HasErrors);
        Assert.Equal("${Table.Arn}", catalog.Functions.Single().Environment["VALUE"]);
    }

    [Fact]
    public void Unresolvable_long_form_getatt_points_at_the_fn_key()
    {
        var catalog = LoadValue("\n            Fn::GetAtt: [Table, Arn]");

        CatalogAssert.Single(catalog, DiagnosticCodes.UnresolvableIntrinsic, DiagnosticSeverity.Warning, ValueLine + 1, 13, "Fn");
    }

    [Fact]
    public void Sub_keeps_unresolvable_variables_as_placeholders_in_the_text()
    {
        var catalog = LoadValue("!Sub 'arn:${Table.Arn}/${Name}/${Table}'");

        Assert.Equal("arn:${Table.Arn}/world/${Table}", catalog.Functions.Single().Environment["VALUE"]);
        Assert.Equal(2, catalog.Diagnostics.Count(d => d.Code == DiagnosticCodes.UnresolvableIntrinsic));
        Assert.All(catalog.Diagnostics, d => CatalogAssert.At(d, ValueLine, ValueColumn));
    }

    [Fact]
    public void Join_keeps_unresolvable_parts_as_placeholders()
    {
        var catalog = LoadValue("!Join ['', ['arn:', !GetAtt Table.Arn, '/x']]");

        Assert.Equal("arn:${Table.Arn}/x", catalog.Functions.Single().Environment["VALUE"]);
        CatalogAssert.Single(catalog, DiagnosticCodes.UnresolvableIntrinsic, DiagnosticSeverity.Warning, ValueLine, 38, "Fn");
    }

    [Fact]
    public void Parameter_without_value_is_a_warning_where_it_is_referenced()
    {
        var catalog = LoadValue("!Ref Missing");

        CatalogAssert.Single(catalog, DiagnosticCodes.ParameterWithoutValue, DiagnosticSeverity.Warning, ValueLine, ValueColumn, "Fn");
        Assert.Equal("${Missing}", catalog.Functions.Single().Environment["VALUE"]);
    }

    [Fact]
    public void Parameter_without_value_is_fine_once_overridden()
    {
        var catalog = LoadValue("!Ref Missing", new TemplateOptions { ParameterOverrides = ParameterOverrides.Parse("ParameterKey=Missing,ParameterValue=given") });

        CatalogAssert.Clean(catalog);
        Assert.Equal("given", catalog.Functions.Single().Environment["VALUE"]);
    }

    [Fact]
    public void Ref_to_a_resource_is_unresolvable_and_to_an_unknown_name_an_error()
    {
        var resource = LoadValue("!Ref Table");
        CatalogAssert.Single(resource, DiagnosticCodes.UnresolvableIntrinsic, DiagnosticSeverity.Warning, ValueLine, ValueColumn, "Fn");
        Assert.Equal("${Table}", resource.Functions.Single().Environment["VALUE"]);

        var unknown = LoadValue("!Ref Nothing");
        CatalogAssert.Single(unknown, DiagnosticCodes.UnknownReference, DiagnosticSeverity.Error, ValueLine, ValueColumn, "Fn");
    }

    [Fact]
    public void No_value_removes_the_property()
    {
        var catalog = LoadValue("!If [Yes, !Ref AWS::NoValue, kept]");

        CatalogAssert.Clean(catalog);
        Assert.False(catalog.Functions.Single().Environment.ContainsKey("VALUE"));
    }

    [Fact]
    public void If_with_an_unknown_condition_is_an_error_at_the_condition_name()
    {
        var catalog = LoadValue("!If [Maybe, a, b]");

        CatalogAssert.Single(catalog, DiagnosticCodes.UnknownCondition, DiagnosticSeverity.Error, ValueLine, 23, "Fn");
    }

    [Fact]
    public void Condition_depending_on_a_missing_parameter_is_unknown_not_guessed()
    {
        var catalog = workspace.Load("""
            Parameters:
              Stage:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.handler
                  MemorySize: !If [IsProd, 1024, 256]
            """);

        // Reported once, in Conditions, where the parameter is used: the condition belongs to the template.
        CatalogAssert.Single(catalog, DiagnosticCodes.ParameterWithoutValue, DiagnosticSeverity.Warning, 5, 20, null);
        // And where the value is lost: the !If falls back to the default.
        var lost = CatalogAssert.Single(catalog, DiagnosticCodes.UnresolvableIntrinsic, DiagnosticSeverity.Warning, 12, 19, "Fn");
        Assert.Contains("IsProd", lost.Message);
        Assert.Equal(LambdaLimits.DefaultMemoryMb, catalog.Functions.Single().MemorySizeMb);
    }

    [Fact]
    public void Circular_conditions_are_an_error()
    {
        var catalog = workspace.Load("""
            Conditions:
              A: !Condition B
              B: !Not [!Condition A]
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Condition: A
                Properties: { Runtime: python3.12, Handler: app.handler }
            """);

        CatalogAssert.Single(catalog, DiagnosticCodes.CircularCondition, DiagnosticSeverity.Error, 2, 3);
        Assert.Single(catalog.Functions); // unknown condition: the function is kept
    }

    [Theory]
    [InlineData("!Join [only-one]", DiagnosticCodes.InvalidIntrinsic)]
    [InlineData("!Select [5, [a, b]]", DiagnosticCodes.InvalidIntrinsic)]
    [InlineData("!If [Yes, a]", DiagnosticCodes.InvalidIntrinsic)]
    [InlineData("!Sub [a, b, c]", DiagnosticCodes.InvalidIntrinsic)]
    [InlineData("!GetAtt NoDot", DiagnosticCodes.InvalidIntrinsic)]
    [InlineData("!GetAtt Nothing.Arn", DiagnosticCodes.UnknownReference)]
    [InlineData("!Cidr ['not-an-ip', 2, 8]", DiagnosticCodes.InvalidIntrinsic)]
    [InlineData("{ 'Fn::Unknown': x }", DiagnosticCodes.UnresolvableIntrinsic)]
    [InlineData("!FindInMap [M, Top, Nope]", DiagnosticCodes.MappingKeyNotFound)]
    [InlineData("!Equals [a]", DiagnosticCodes.InvalidIntrinsic)]
    [InlineData("'{{resolve:ssm:/app/name}}'", DiagnosticCodes.DynamicReference)]
    public void Malformed_or_unanswerable_calls_are_reported_at_the_call(string value, string code)
    {
        var catalog = LoadValue(value);

        var diagnostic = CatalogAssert.Single(catalog, code);
        CatalogAssert.At(diagnostic, ValueLine, ValueColumn);
        Assert.Equal("Fn", diagnostic.FunctionId);
        Assert.Single(catalog.Functions);
    }

    [Fact]
    public void Ssm_typed_parameter_needs_an_override()
    {
        var template = """
            Parameters:
              Secret:
                Type: AWS::SSM::Parameter::Value<String>
                Default: /app/secret
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.handler
                  Environment:
                    Variables:
                      SECRET: !Ref Secret
            """;

        var plain = workspace.Load(template);
        CatalogAssert.Single(plain, DiagnosticCodes.UnresolvableIntrinsic, DiagnosticSeverity.Warning, 13, 19, "Fn");

        var overridden = workspace.Load(template, new TemplateOptions { ParameterOverrides = new Dictionary<string, string> { ["Secret"] = "s3cr3t" } });
        CatalogAssert.Clean(overridden);
        Assert.Equal("s3cr3t", overridden.Functions.Single().Environment["SECRET"]);
    }

    [Fact]
    public void Numeric_property_from_an_unresolvable_intrinsic_falls_back_to_the_default()
    {
        var catalog = workspace.Load("""
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.handler
                  Timeout: !ImportValue SharedTimeout
            """);

        CatalogAssert.Single(catalog, DiagnosticCodes.UnresolvableIntrinsic, DiagnosticSeverity.Warning, 7, 16, "Fn");
        Assert.False(catalog.HasErrors);
        Assert.Equal(LambdaLimits.DefaultTimeoutSeconds, catalog.Functions.Single().TimeoutSeconds);
    }

    [Fact]
    public void Anchors_and_aliases_are_followed()
    {
        var catalog = workspace.Load("""
            Globals:
              Function:
                Environment:
                  Variables: &shared
                    SHARED: one
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.handler
                  Tags: *shared
            """);

        CatalogAssert.Clean(catalog);
        Assert.Equal("one", catalog.Functions.Single().Environment["SHARED"]);
    }
}
