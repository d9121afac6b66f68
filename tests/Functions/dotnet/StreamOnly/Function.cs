using System.Text;

namespace StreamOnly;

public static class Function
{
    private const string Greeting = "hello";

    /// <summary>The request's bytes, upper-cased, after a greeting (a project-folder test edits the greeting).</summary>
    public static Stream Handler(Stream input)
    {
        using var reader = new StreamReader(input);
        return new MemoryStream(Encoding.UTF8.GetBytes($"{Greeting} {reader.ReadToEnd().ToUpperInvariant()}"));
    }

    /// <summary>A string takes a serializer, and this assembly names none: an init error.</summary>
    public static string NeedsSerializer(string input) => input;
}
