using System.Text;

namespace DevTools.Engine.SampleEvents;

/// <summary>
/// Object keys as S3 writes them in event notifications: form URL encoding (a space is <c>+</c>, so
/// <c>red flower.jpg</c> arrives as <c>red+flower.jpg</c>), as Java's URLEncoder does it, with <c>/</c> left as it is.
/// A function reads the key back with <c>decodeURIComponent(key.replace(/\+/g, ' '))</c> or Python's <c>unquote_plus</c>.
/// </summary>
public static class S3KeyEncoding
{
    public static string Encode(string key)
    {
        var encoded = new StringBuilder(key.Length);
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            var c = (char)b;
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.' or '*' or '/') encoded.Append(c);
            else if (c == ' ') encoded.Append('+');
            else encoded.Append('%').Append(b.ToString("X2"));
        }
        return encoded.ToString();
    }
}
