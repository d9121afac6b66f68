using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace DevTools.PowerShell.Json;

/// <summary>
/// Turns what a PowerShell user passes as a payload into the JSON text Lambda receives: a string is sent as
/// it is (it is the JSON), and so is a sample event's (New-LocalEvent); a hashtable, a [pscustomobject], an array or any other object is converted to
/// JSON — dictionaries and objects to JSON objects (their properties), lists to arrays, dates to ISO 8601,
/// enums to their names. Unlike ConvertTo-Json there is no silent depth cut-off: too deep is an error.
/// </summary>
public static class PayloadConverter
{
    /// <summary>Deeper than this is a mistake (an object graph that never ends), not an event.</summary>
    public const int MaxDepth = 64;

    public static string ToJson(object? value)
    {
        var unwrapped = Unwrap(value);
        if (unwrapped is string text) return text;
        if (unwrapped is LocalSampleEvent sample) return sample.Payload; // New-LocalEvent's event is its JSON
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            Write(writer, value, 0, new HashSet<object>(ReferenceEqualityComparer.Instance));
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The object a PSObject wraps, except a [pscustomobject] (whose properties are the PSObject's).</summary>
    private static object? Unwrap(object? value)
    {
        while (value is PSObject ps && ps.BaseObject is not PSCustomObject && !ReferenceEquals(ps.BaseObject, ps)) value = ps.BaseObject;
        return value;
    }

    private static void Write(Utf8JsonWriter writer, object? original, int depth, HashSet<object> path)
    {
        if (depth > MaxDepth)
            throw new PayloadConversionException($"The payload is nested more than {MaxDepth} levels deep (an object that refers to ever more objects?). Pass a JSON string or a simpler object.");
        var value = Unwrap(original);
        switch (value)
        {
            case null or DBNull:
                writer.WriteNullValue();
                return;
            case string s:
                writer.WriteStringValue(s);
                return;
            case char c:
                writer.WriteStringValue(c.ToString());
                return;
            case bool b:
                writer.WriteBooleanValue(b);
                return;
            case byte or sbyte or short or ushort or int:
                writer.WriteNumberValue(Convert.ToInt32(value, CultureInfo.InvariantCulture));
                return;
            case uint or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return;
            case ulong ul:
                writer.WriteNumberValue(ul);
                return;
            case float or double:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsNaN(d) || double.IsInfinity(d)) throw new PayloadConversionException($"JSON has no number for {d.ToString(CultureInfo.InvariantCulture)}.");
                writer.WriteNumberValue(d);
                return;
            case decimal m:
                writer.WriteNumberValue(m);
                return;
            case BigInteger big:
                writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture));
                return;
            case DateTime dt:
                writer.WriteStringValue(dt.ToString("o", CultureInfo.InvariantCulture));
                return;
            case DateTimeOffset dto:
                writer.WriteStringValue(dto.ToString("o", CultureInfo.InvariantCulture));
                return;
            case TimeSpan ts:
                writer.WriteStringValue(ts.ToString("c", CultureInfo.InvariantCulture));
                return;
            case Enum e:
                writer.WriteStringValue(e.ToString());
                return;
            case Guid or Uri or Version or System.Net.IPAddress or System.Management.Automation.SwitchParameter:
                if (value is SwitchParameter sw) writer.WriteBooleanValue(sw.IsPresent);
                else writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                return;
            case JsonElement element:
                element.WriteTo(writer);
                return;
            case JsonDocument document:
                document.WriteTo(writer);
                return;
        }

        if (!path.Add(value)) throw new PayloadConversionException($"The payload refers to itself (a {value.GetType().Name} contains itself): JSON cannot say that.");
        try
        {
            switch (value)
            {
                case IDictionary dictionary:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        writer.WritePropertyName(Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture) ?? "");
                        Write(writer, entry.Value, depth + 1, path);
                    }
                    writer.WriteEndObject();
                    return;
                case PSObject custom:
                    WriteProperties(writer, custom, depth, path);
                    return;
                case IEnumerable sequence:
                    writer.WriteStartArray();
                    foreach (var item in sequence) Write(writer, item, depth + 1, path);
                    writer.WriteEndArray();
                    return;
                default:
                    WriteProperties(writer, PSObject.AsPSObject(value), depth, path);
                    return;
            }
        }
        finally
        {
            path.Remove(value);
        }
    }

    private static void WriteProperties(Utf8JsonWriter writer, PSObject obj, int depth, HashSet<object> path)
    {
        writer.WriteStartObject();
        foreach (var property in obj.Properties)
        {
            if (!property.IsGettable) continue;
            if (property.MemberType is not (PSMemberTypes.NoteProperty or PSMemberTypes.Property or PSMemberTypes.AliasProperty or PSMemberTypes.CodeProperty or PSMemberTypes.ScriptProperty)) continue;
            object? propertyValue;
            try { propertyValue = property.Value; }
            catch (Exception e) when (e is GetValueException or GetValueInvocationException or PSInvalidOperationException) { continue; }
            writer.WritePropertyName(property.Name);
            Write(writer, propertyValue, depth + 1, path);
        }
        writer.WriteEndObject();
    }
}

/// <summary>The payload (or client context) could not be turned into JSON.</summary>
public sealed class PayloadConversionException(string message) : Exception(message);
