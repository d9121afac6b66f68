using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace DevTools.Engine.Catalog;

/// <summary>
/// Parses <c>--parameter-overrides</c> the way SAM CLI does: space-separated <c>Key=Value</c> pairs or
/// CloudFormation's <c>ParameterKey=Key,ParameterValue=Value</c>; a value may be wrapped in single or double
/// quotes, and <c>\ </c>, <c>\"</c>, <c>\'</c> escape a space or quote.
/// </summary>
public static partial class ParameterOverrides
{
    private const string LongFormKey = "ParameterKey=";
    private const string LongFormValue = ",ParameterValue=";

    [GeneratedRegex("^[A-Za-z0-9]+$")]
    private static partial Regex ParameterName();

    /// <exception cref="FormatException">The text is not in either syntax; the message says which part and why.</exception>
    public static IReadOnlyDictionary<string, string> Parse(string text) =>
        TryParse(text, out var result, out var error) ? result : throw new FormatException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out IReadOnlyDictionary<string, string>? overrides, [NotNullWhen(false)] out string? error)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        overrides = null;
        error = null;
        foreach (var token in Tokens(text ?? ""))
        {
            string key, value;
            if (token.StartsWith(LongFormKey, StringComparison.Ordinal))
            {
                var split = token.IndexOf(LongFormValue, StringComparison.Ordinal);
                if (split < 0)
                {
                    error = $"'{token}' is missing ',ParameterValue='; expected ParameterKey=Name,ParameterValue=Value.";
                    return false;
                }
                key = token[LongFormKey.Length..split];
                value = token[(split + LongFormValue.Length)..];
            }
            else
            {
                var equals = token.IndexOf('=');
                if (equals < 0)
                {
                    error = $"'{token}' is not Name=Value; expected 'Key1=Value1 Key2=Value2' or 'ParameterKey=Key1,ParameterValue=Value1'.";
                    return false;
                }
                key = token[..equals];
                value = token[(equals + 1)..];
            }
            key = Unquote(key);
            if (!ParameterName().IsMatch(key))
            {
                error = $"'{key}' is not a parameter name: CloudFormation names are letters and digits only.";
                return false;
            }
            result[key] = Unquote(value);
        }
        overrides = result;
        return true;
    }

    /// <summary>Splits at spaces that are neither quoted nor escaped; quotes and escapes stay for <see cref="Unquote"/>.</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var token = new StringBuilder();
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                token.Append(c).Append(text[++i]);
                continue;
            }
            if (quote is null && char.IsWhiteSpace(c))
            {
                if (token.Length > 0)
                    yield return token.ToString();
                token.Clear();
                continue;
            }
            if (c is '"' or '\'')
                quote = quote is null ? c : quote == c ? null : quote;
            token.Append(c);
        }
        if (token.Length > 0)
            yield return token.ToString();
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0])
            value = value[1..^1];
        return value.Replace("\\ ", " ").Replace("\\\"", "\"").Replace("\\'", "'");
    }
}
