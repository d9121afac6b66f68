namespace DevTools.Engine.Runtimes;

/// <summary>
/// AWS credentials from the host, for the user who asks to pass them to functions (Lambda gives a
/// function its execution role's credentials; locally the user chooses which, if any). Never used by default.
/// </summary>
public static class HostCredentials
{
    private static readonly string[] Variables = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];

    /// <summary>The credential variables set in the host's environment.</summary>
    public static IReadOnlyDictionary<string, string> FromEnvironment()
    {
        var found = new Dictionary<string, string>();
        foreach (var name in Variables)
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value) found[name] = value;
        return found;
    }

    /// <summary>A profile of the shared credentials file (<c>~/.aws/credentials</c>, or AWS_SHARED_CREDENTIALS_FILE).</summary>
    public static IReadOnlyDictionary<string, string> FromProfile(string profile, string? credentialsFile = null)
    {
        credentialsFile ??= Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aws", "credentials");
        if (!File.Exists(credentialsFile))
            throw new FileNotFoundException($"No AWS credentials file at {credentialsFile}.", credentialsFile);

        var found = new Dictionary<string, string>();
        string? section = null;
        foreach (var raw in File.ReadLines(credentialsFile))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (line[0] == '[' && line[^1] == ']') { section = line[1..^1].Trim(); continue; }
            if (section != profile) continue;
            var equals = line.IndexOf('=');
            if (equals <= 0) continue;
            var key = line[..equals].Trim().ToLowerInvariant();
            var value = line[(equals + 1)..].Trim();
            var variable = key switch
            {
                "aws_access_key_id" => "AWS_ACCESS_KEY_ID",
                "aws_secret_access_key" => "AWS_SECRET_ACCESS_KEY",
                "aws_session_token" => "AWS_SESSION_TOKEN",
                _ => null,
            };
            if (variable is not null) found[variable] = value;
        }
        if (found.Count == 0) throw new KeyNotFoundException($"Profile '{profile}' has no credentials in {credentialsFile}.");
        return found;
    }
}
