using System.Management.Automation;
using System.Numerics;
using System.Text.Json;

namespace DevTools.PowerShell.Json;

/// <summary>
/// JSON text to PowerShell objects, as ConvertFrom-Json makes them: objects become [pscustomobject] (in
/// order), arrays object[], integers Int64 (BigInteger beyond), other numbers Double; strings stay strings.
/// </summary>
public static class JsonToPowerShell
{
    /// <summary>The parsed value, or false when <paramref name="json"/> is not JSON (a function may answer anything).</summary>
    public static bool TryParse(string? json, out object? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(json)) return false;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
            value = Convert(document.RootElement);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static object? Convert(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new PSObject();
                foreach (var property in element.EnumerateObject())
                {
                    var existing = obj.Properties[property.Name];
                    if (existing is not null) obj.Properties.Remove(property.Name); // the last duplicate wins, as in JavaScript
                    obj.Properties.Add(new PSNoteProperty(property.Name, Convert(property.Value)));
                }
                return obj;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(Convert).ToArray();
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                if (element.TryGetInt64(out var integer)) return integer;
                var raw = element.GetRawText();
                if (raw.IndexOfAny(['.', 'e', 'E']) < 0 && BigInteger.TryParse(raw, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var big)) return big;
                return element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }
}
