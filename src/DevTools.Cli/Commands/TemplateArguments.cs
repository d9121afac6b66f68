using System.CommandLine;
using DevTools.Engine;
using DevTools.Engine.Catalog;
using DevTools.Protocol.Workspace;

namespace DevTools.Cli.Commands;

/// <summary>The options every verb shares to find and read the template, named as <c>sam local</c> names them.</summary>
internal sealed class TemplateArguments
{
    public Option<string?> Template { get; } = new("--template", "-t", "--template-file")
    {
        Description = "The SAM template (default: the one sam build wrote in .aws-sam/build, else template.yaml or template.yml in the current directory).",
    };

    public Option<string?> EnvVars { get; } = new("--env-vars", "-n")
    {
        Description = "A JSON file of environment variable values, in SAM's format ({\"Function\": {\"VAR\": \"value\"}, \"Parameters\": {...}}).",
    };

    public Option<string[]> ParameterOverrides { get; } = new("--parameter-overrides")
    {
        Description = "Template parameter values: Key=Value pairs, or ParameterKey=K,ParameterValue=V.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> LayerMap { get; } = new("--layer-map")
    {
        Description = "The local folder of a layer the template names by ARN: ARN=DIR (repeatable). SAM would download it; here it is read from DIR.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string> Region { get; } = new("--region")
    {
        Description = "The region functions see in AWS_REGION.",
        DefaultValueFactory = _ => DefaultRegion,
    };

    /// <summary>The region when <c>--region</c> is not given: the shell's <c>AWS_REGION</c>, else Lambda DevTools' default.</summary>
    public static string DefaultRegion => Environment.GetEnvironmentVariable("AWS_REGION") ?? LambdaLimits.DefaultRegion;

    public Option<string> Output { get; } = new("--output", "-o")
    {
        Description = "How lifecycle records are written to stderr: text (Lambda's log lines) or json (one event per line).",
        DefaultValueFactory = _ => "text",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Template);
        command.Options.Add(EnvVars);
        command.Options.Add(ParameterOverrides);
        command.Options.Add(LayerMap);
        command.Options.Add(Region);
        command.Options.Add(Output);
        Output.AcceptOnlyFromAmong("text", "json");
    }

    public bool Json(ParseResult result) => result.GetValue(Output) == "json";

    /// <summary>The template's path, or an error message when none can be found.</summary>
    public string? ResolveTemplatePath(ParseResult result, out string? error)
    {
        var given = result.GetValue(Template);
        var found = TemplateLocator.Resolve(given);
        error = found is not null ? null
            : given is null ? $"No {string.Join(" or ", TemplateLocator.SourceNames)} in the current directory; pass one with --template."
            : Directory.Exists(given) ? $"No {string.Join(" or ", TemplateLocator.SourceNames)} in {Path.GetFullPath(given)}."
            : $"No template at {Path.GetFullPath(given)}.";
        return found;
    }

    /// <summary>The template and its options, or false after printing why they cannot be had.</summary>
    public bool TryResolve(ParseResult result, out string templatePath, out TemplateOptions options)
    {
        var path = ResolveTemplatePath(result, out var error);
        options = TemplateOptions(result, out var optionsError);
        templatePath = path ?? "";
        if (path is not null && optionsError is null) return true;
        Console.Error.WriteLine("Error: " + (error ?? optionsError));
        return false;
    }

    public TemplateOptions TemplateOptions(ParseResult result, out string? error)
    {
        error = null;
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in result.GetValue(ParameterOverrides) ?? [])
        {
            if (!Engine.Catalog.ParameterOverrides.TryParse(text, out var parsed, out var parseError))
            {
                error = $"--parameter-overrides: {parseError}";
                break;
            }
            foreach (var (key, value) in parsed) overrides[key] = value;
        }
        var layers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in result.GetValue(LayerMap) ?? [])
        {
            var separator = pair.IndexOf('=');
            if (separator <= 0 || separator == pair.Length - 1 || !pair.StartsWith("arn:", StringComparison.Ordinal))
            {
                error ??= $"--layer-map: '{pair}' is not ARN=DIR.";
                continue;
            }
            var folder = Path.GetFullPath(pair[(separator + 1)..]);
            if (!Directory.Exists(folder)) error ??= $"--layer-map: {folder} is not a folder.";
            layers[pair[..separator]] = folder;
        }
        var envVars = result.GetValue(EnvVars);
        return new TemplateOptions
        {
            ParameterOverrides = overrides,
            LayerMap = layers,
            EnvVarsFile = envVars is null ? null : Path.GetFullPath(envVars),
            Region = result.GetValue(Region)!,
        };
    }
}
