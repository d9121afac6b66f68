using System.Text;
using System.Text.Json;

namespace DevTools.Engine.Catalog;

/// <summary>
/// The <c>--env-vars</c> file in SAM's format: <c>{"FunctionLogicalId": {"VAR": "value"}, "Parameters": {"VAR": "value"}}</c>.
/// Read with <see cref="Utf8JsonReader"/> rather than a DOM so every key keeps its line and column.
/// </summary>
/// <remarks>
/// Overrides follow SAM CLI (aws/aws-sam-cli samcli/commands/local/lib/local_lambda.py <c>_make_env_vars</c> and
/// samcli/local/lambdafn/env_vars.py <c>EnvironmentVariables.resolve</c>): "Parameters" applies to every function,
/// the function's own section wins over it; the section is looked up by logical id, then by FunctionName, and the
/// first non-empty one is used (they are not merged); and only variables the template already declares for that
/// function are overridden: the loop runs over the template's variables, so extra names are ignored.
/// Numbers and booleans become their JSON text and null becomes "", as SAM stringifies them.
/// </remarks>
internal sealed class EnvVarsFile
{
    public const string GlobalSection = "Parameters";

    private sealed record Variable(string Value, SourceLocation Location);

    private sealed record Section(string Name, SourceLocation Location, Dictionary<string, Variable> Variables);

    private readonly Dictionary<string, Section> sections;

    private EnvVarsFile(Dictionary<string, Section> sections) => this.sections = sections;

    /// <returns>The file's overrides, or null when it can't be used (the error is in <paramref name="diagnostics"/>).</returns>
    /// <param name="path">Relative to the current folder, as SAM CLI reads it.</param>
    public static EnvVarsFile? Load(string path, DiagnosticList diagnostics)
    {
        var at = new SourceLocation(path, 1, 1);
        byte[] bytes;
        try
        {
            path = Path.GetFullPath(path);
            at = new SourceLocation(path, 1, 1);
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            diagnostics.Error(DiagnosticCodes.EnvVarsFileNotFound, File.Exists(path) || Directory.Exists(path)
                ? $"The env-vars file can't be read: {e.Message}"
                : "The env-vars file does not exist.", at);
            return null;
        }
        var text = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes;
        try
        {
            return Parse(path, text, diagnostics);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            var column = ColumnOf(text, line, (int)(e.BytePositionInLine ?? 0));
            diagnostics.Error(DiagnosticCodes.EnvVarsFileInvalidJson, $"The env-vars file is not valid JSON: {FirstSentence(e.Message)}", new SourceLocation(path, line + 1, column));
            return null;
        }
    }

    /// <summary>
    /// Which functions get which values: for each function, a new configuration with the template's variables overridden.
    /// Also reports names that override nothing, since SAM ignores them silently and that is a common surprise.
    /// </summary>
    public IReadOnlyList<FunctionConfiguration> Apply(IReadOnlyList<FunctionConfiguration> functions, DiagnosticList diagnostics)
    {
        foreach (var section in sections.Values.Where(s => s.Name != GlobalSection && !functions.Any(f => f.LogicalId == s.Name || f.FunctionName == s.Name)))
        {
            diagnostics.Information(DiagnosticCodes.EnvVarsFileUnknownFunction,
                $"Section '{section.Name}' matches no function's logical id or FunctionName; it is ignored.", section.Location);
        }

        var result = new List<FunctionConfiguration>(functions.Count);
        foreach (var function in functions)
        {
            var own = SectionFor(function);
            foreach (var (name, variable) in own?.Variables ?? [])
            {
                if (!function.Environment.ContainsKey(name))
                {
                    diagnostics.Information(DiagnosticCodes.EnvVarsFileUnusedVariable,
                        $"'{name}' is not overridden: the template declares no such variable for '{function.LogicalId}' (SAM only overrides declared variables).",
                        variable.Location, function.LogicalId);
                }
            }

            sections.TryGetValue(GlobalSection, out var global);
            var environment = new Dictionary<string, string>(function.Environment, StringComparer.Ordinal);
            foreach (var name in function.Environment.Keys)
            {
                if (own is not null && own.Variables.TryGetValue(name, out var specific))
                    environment[name] = specific.Value;
                else if (global is not null && global.Variables.TryGetValue(name, out var shared))
                    environment[name] = shared.Value;
            }
            result.Add(function with { Environment = environment });
        }
        return result;
    }

    private Section? SectionFor(FunctionConfiguration function)
    {
        if (sections.TryGetValue(function.LogicalId, out var byId) && byId.Variables.Count > 0)
            return byId;
        return sections.TryGetValue(function.FunctionName, out var byName) && byName.Variables.Count > 0 ? byName : null;
    }

    private static EnvVarsFile? Parse(string path, ReadOnlySpan<byte> json, DiagnosticList diagnostics)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            diagnostics.Error(DiagnosticCodes.EnvVarsFileInvalidFormat,
                "The env-vars file must be a JSON object: {\"FunctionLogicalId\": {\"VAR\": \"value\"}, \"Parameters\": {\"VAR\": \"value\"}}.",
                Locate(path, json, reader.TokenStartIndex));
            return null;
        }

        var sections = new Dictionary<string, Section>(StringComparer.Ordinal);
        var valid = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var location = Locate(path, json, reader.TokenStartIndex);
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                // SAM refuses the whole file in this case (OverridesNotWellDefinedError).
                diagnostics.Error(DiagnosticCodes.EnvVarsFileInvalidFormat, $"Section '{name}' must be an object of variable names to values.", Locate(path, json, reader.TokenStartIndex));
                reader.Skip();
                valid = false;
                continue;
            }
            sections[name] = new Section(name, location, ReadVariables(path, json, ref reader, diagnostics));
        }
        while (reader.Read())
        {
            // Reading past the object makes the reader reject anything after it.
        }
        return valid ? new EnvVarsFile(sections) : null;
    }

    private static Dictionary<string, Variable> ReadVariables(string path, ReadOnlySpan<byte> json, ref Utf8JsonReader reader, DiagnosticList diagnostics)
    {
        var variables = new Dictionary<string, Variable>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var location = Locate(path, json, reader.TokenStartIndex);
            reader.Read();
            string? value = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                JsonTokenType.True => "true",
                JsonTokenType.False => "false",
                JsonTokenType.Null => "",
                _ => null,
            };
            if (value is null)
            {
                diagnostics.Warning(DiagnosticCodes.EnvVarsFileInvalidFormat, $"Variable '{name}' must be a string, number or boolean; it is ignored.", Locate(path, json, reader.TokenStartIndex));
                reader.Skip();
                continue;
            }
            variables[name] = new Variable(value, location); // a repeated name: the last one wins, as with Python's json
        }
        return variables;
    }

    private static SourceLocation Locate(string path, ReadOnlySpan<byte> json, long offset)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < offset && i < json.Length; i++)
        {
            if (json[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourceLocation(path, line + 1, ColumnOf(json, line, (int)offset - lineStart));
    }

    /// <summary>1-based column in characters of a 0-based (line, byte in line) position; System.Text.Json counts bytes.</summary>
    private static int ColumnOf(ReadOnlySpan<byte> json, int line, int byteInLine)
    {
        var start = 0;
        for (var current = 0; current < line && start < json.Length; start++)
            if (json[start] == (byte)'\n')
                current++;
        var length = Math.Clamp(byteInLine, 0, json.Length - start);
        return Encoding.UTF8.GetCharCount(json.Slice(start, length)) + 1;
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "LineNumber: x | BytePositionInLine: y." which the location already says.
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }
}
