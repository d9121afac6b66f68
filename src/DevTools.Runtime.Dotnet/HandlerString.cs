namespace DevTools.Runtime.Dotnet;

/// <summary>A class-library handler, <c>ASSEMBLY::TYPE::METHOD</c>, parsed as AWS's runtime parses it.</summary>
internal sealed record HandlerString(string Assembly, string Type, string Method)
{
    public static HandlerString Parse(string? handler)
    {
        var parts = (handler ?? "").Split("::", 3, StringSplitOptions.None).Select(p => p.Trim()).ToArray();
        if (parts.Length < 3 || parts.Any(p => p.Length == 0))
            throw new LambdaValidationException(
                $"Invalid lambda function handler: '{handler}'. The valid format is 'ASSEMBLY::TYPE::METHOD'.");
        return new HandlerString(parts[0], parts[1], parts[2]);
    }
}
