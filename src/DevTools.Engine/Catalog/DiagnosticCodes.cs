namespace DevTools.Engine.Catalog;

/// <summary>
/// The stable codes of <see cref="TemplateDiagnostic"/>: one constant per rule, so editors,
/// tests and docs can refer to a rule without matching message text.
/// DT1xxx template file and structure, DT2xxx parameters and intrinsic functions,
/// DT3xxx function properties, DT4xxx the <c>--env-vars</c> file, DT5xxx events, APIs and function URLs.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>Error: the loader itself failed; reported instead of an exception so the engine stays up.</summary>
    public const string LoaderFailure = "DT1000";

    /// <summary>Error: the template file does not exist.</summary>
    public const string TemplateNotFound = "DT1001";

    /// <summary>Error: the template file exists but cannot be read (permissions, I/O).</summary>
    public const string TemplateUnreadable = "DT1002";

    /// <summary>Error: the template is not valid YAML; reported at the parser's position.</summary>
    public const string YamlSyntax = "DT1003";

    /// <summary>Error: the YAML is valid but not shaped like a template (root, section or resource of the wrong kind, resource without Type).</summary>
    public const string InvalidTemplateStructure = "DT1004";

    /// <summary>Warning: the template declares no <c>AWS::Serverless::Function</c> or <c>AWS::Lambda::Function</c>.</summary>
    public const string NoFunctions = "DT1005";

    /// <summary>Warning: a local YAML tag (<c>!Something</c>) that is not a CloudFormation intrinsic; the value is read as if untagged.</summary>
    public const string UnknownTag = "DT1006";

    /// <summary>Information: the template <c>sam build</c> wrote (<c>.aws-sam/build/template.yaml</c>) is used, as <c>sam local</c> uses it.</summary>
    public const string UsingSamBuildTemplate = "DT1007";

    /// <summary>Warning: the source template changed after <c>sam build</c> wrote the one in use.</summary>
    public const string SamBuildTemplateOutdated = "DT1008";

    /// <summary>Warning: a parameter with neither a <c>Default</c> nor an override is referenced.</summary>
    public const string ParameterWithoutValue = "DT2001";

    /// <summary>Warning: an intrinsic that only a deployed stack can answer (<c>!GetAtt</c>, <c>!ImportValue</c>, <c>!Ref</c> of a resource...); a placeholder is used.</summary>
    public const string UnresolvableIntrinsic = "DT2002";

    /// <summary>Error: an intrinsic function with arguments of the wrong shape (CloudFormation would reject the template).</summary>
    public const string InvalidIntrinsic = "DT2003";

    /// <summary>Error: <c>Ref</c>, <c>Fn::GetAtt</c> or <c>${}</c> names something that is neither a parameter, a pseudo parameter nor a resource.</summary>
    public const string UnknownReference = "DT2004";

    /// <summary>Error: <c>Fn::If</c>, <c>Condition</c> or a resource's <c>Condition</c> names a condition the template does not declare.</summary>
    public const string UnknownCondition = "DT2005";

    /// <summary>Information: <c>--parameter-overrides</c> names a parameter the template does not declare (ignored, as SAM does).</summary>
    public const string UnknownParameterOverride = "DT2006";

    /// <summary>Warning: a parameter's value is not in its <c>AllowedValues</c>, or is not a number for a <c>Number</c> parameter.</summary>
    public const string ParameterValueNotAllowed = "DT2007";

    /// <summary>Warning: <c>Fn::FindInMap</c> keys are not in <c>Mappings</c> and no <c>DefaultValue</c> is given.</summary>
    public const string MappingKeyNotFound = "DT2008";

    /// <summary>Error: conditions that refer to each other in a cycle.</summary>
    public const string CircularCondition = "DT2009";

    /// <summary>Warning: a <c>{{resolve:...}}</c> dynamic reference, which needs SSM or Secrets Manager; the text is kept as is.</summary>
    public const string DynamicReference = "DT2010";

    /// <summary>Error: a property has the wrong type (e.g. a non-integer <c>MemorySize</c>, an <c>Environment</c> that is not a map).</summary>
    public const string InvalidPropertyType = "DT3001";

    /// <summary>Error: <c>MemorySize</c> outside the Lambda range (<see cref="LambdaLimits.MinMemoryMb"/>–<see cref="LambdaLimits.MaxMemoryMb"/> MB).</summary>
    public const string MemoryOutOfRange = "DT3002";

    /// <summary>Error: <c>Timeout</c> outside the Lambda range (<see cref="LambdaLimits.MinTimeoutSeconds"/>–<see cref="LambdaLimits.MaxTimeoutSeconds"/> s).</summary>
    public const string TimeoutOutOfRange = "DT3003";

    /// <summary>Error: <c>EphemeralStorage.Size</c> outside the Lambda range (<see cref="LambdaLimits.MinEphemeralStorageMb"/>–<see cref="LambdaLimits.MaxEphemeralStorageMb"/> MB).</summary>
    public const string EphemeralStorageOutOfRange = "DT3004";

    /// <summary>Error: no <c>Runtime</c> (in the function or in <c>Globals.Function</c>), or one that cannot be resolved locally.</summary>
    public const string MissingRuntime = "DT3005";

    /// <summary>Error: a <c>Runtime</c> Lambda does not know.</summary>
    public const string UnknownRuntime = "DT3006";

    /// <summary>Warning: a runtime Lambda knows but this engine cannot run locally (.NET).</summary>
    public const string RuntimeNotRunnableLocally = "DT3007";

    /// <summary>Information: a deprecated runtime.</summary>
    public const string DeprecatedRuntime = "DT3008";

    /// <summary>Error: no <c>Handler</c>; only OS-only runtimes (<c>provided*</c>) may omit it.</summary>
    public const string MissingHandler = "DT3009";

    /// <summary>Warning: the code is not a local directory (an S3 URI or object, <c>InlineCode</c>, <c>ZipFile</c>); the template's folder is used.</summary>
    public const string CodeNotLocal = "DT3010";

    /// <summary>Error: the code directory (<c>CodeUri</c> or <c>Code</c> resolved against the template's folder) does not exist or is not a directory.</summary>
    public const string CodeDirectoryNotFound = "DT3011";

    /// <summary>Error: <c>PackageType: Image</c>; container-image functions are not supported locally.</summary>
    public const string ImagePackageNotSupported = "DT3012";

    /// <summary>Error: an environment variable name Lambda rejects (must start with a letter, be at least 2 characters, letters, digits and '_' only).</summary>
    public const string InvalidEnvironmentVariableName = "DT3013";

    /// <summary>Warning: an environment variable name Lambda reserves for itself (lambda-spec §4.1); Lambda rejects the deployment.</summary>
    public const string ReservedEnvironmentVariable = "DT3014";

    /// <summary>Warning: environment variables larger than Lambda's 4 KB total.</summary>
    public const string EnvironmentTooLarge = "DT3015";

    /// <summary>Error: a negative <c>ReservedConcurrentExecutions</c>.</summary>
    public const string NegativeReservedConcurrency = "DT3016";

    /// <summary>Error: two functions with the same <c>FunctionName</c>.</summary>
    public const string DuplicateFunctionName = "DT3017";

    /// <summary>Error: <c>Architectures</c> is not exactly one of <c>x86_64</c> or <c>arm64</c>.</summary>
    public const string InvalidArchitecture = "DT3018";

    /// <summary>Error: an <c>AWS::Lambda::Function</c> without <c>Code</c>.</summary>
    public const string MissingCode = "DT3019";

    /// <summary>Information: a function whose resource <c>Condition</c> is false is not created, so it is not in the catalogue.</summary>
    public const string FunctionSkippedByCondition = "DT3020";

    /// <summary>Warning: the function declares dependencies (package.json, requirements.txt) that are not installed: run <c>devtools build</c>.</summary>
    public const string DependenciesNotInstalled = "DT3021";

    /// <summary>Warning: the manifest or lock file changed after the function's last <c>devtools build</c>.</summary>
    public const string BuildOutdated = "DT3022";

    /// <summary>Information: the function runs with the dependencies of its last <c>devtools build</c>.</summary>
    public const string RunsWithBuild = "DT3023";

    /// <summary>Warning: a layer ARN that is not in the template and not mapped to a folder (<c>--layer-map ARN=DIR</c>): the function runs without it.</summary>
    public const string LayerNotLocal = "DT3024";

    /// <summary>Error: more than Lambda's 5 layers on one function.</summary>
    public const string TooManyLayers = "DT3025";

    /// <summary>Error: a <c>Layers</c> entry that is neither a layer ARN nor a <c>!Ref</c> to a layer of the template.</summary>
    public const string InvalidLayer = "DT3026";

    /// <summary>Warning: a layer whose <c>CompatibleRuntimes</c> or <c>CompatibleArchitectures</c> leave out the function's.</summary>
    public const string LayerIncompatible = "DT3027";

    /// <summary>Warning: the runtime runs on a toolchain this machine lacks or has too old (no JDK for java*, no Ruby for ruby*, .NET older than 10); the message says how to get it.</summary>
    public const string ToolchainMissing = "DT3028";

    /// <summary>Error: the <c>--env-vars</c> file does not exist or cannot be read.</summary>
    public const string EnvVarsFileNotFound = "DT4001";

    /// <summary>Error: the <c>--env-vars</c> file is not valid JSON; reported at System.Text.Json's line and column.</summary>
    public const string EnvVarsFileInvalidJson = "DT4002";

    /// <summary>Error or warning: valid JSON not in SAM's shape (<c>{"Function": {"VAR": "value"}, "Parameters": {...}}</c>).</summary>
    public const string EnvVarsFileInvalidFormat = "DT4003";

    /// <summary>Information: an <c>--env-vars</c> variable the function's template <c>Environment</c> does not declare; SAM ignores it, so do we.</summary>
    public const string EnvVarsFileUnusedVariable = "DT4004";

    /// <summary>Information: an <c>--env-vars</c> section named after no function (neither logical id nor <c>FunctionName</c>).</summary>
    public const string EnvVarsFileUnknownFunction = "DT4005";

    /// <summary>Warning: an <c>Api</c>/<c>HttpApi</c> event or an API definition path that cannot become a route (no or bad <c>Path</c>/<c>Method</c>).</summary>
    public const string InvalidRoute = "DT5001";

    /// <summary>Warning: an event's <c>RestApiId</c>/<c>ApiId</c>, or an authorizer's function, names nothing of this template.</summary>
    public const string ApiReferenceNotFound = "DT5002";

    /// <summary>Information: an event source that does not trigger the function locally (invoke it with a generated event).</summary>
    public const string EventNotEmulated = "DT5003";

    /// <summary>Information: a Cognito, JWT or IAM authorizer: not emulated, requests pass.</summary>
    public const string AuthorizerNotEmulated = "DT5004";

    /// <summary>Warning: two routes with the same method and path; the first one serves.</summary>
    public const string DuplicateRoute = "DT5005";
}
