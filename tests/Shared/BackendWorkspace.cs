namespace DevTools.Tests.Shared;

/// <summary>
/// A temporary workspace folder with a template.yaml over the test functions, for tests that run a real
/// backend (<c>devtools serve</c>). Each one has its own path, so its own socket; deleted on dispose.
/// </summary>
public sealed class BackendWorkspace : IDisposable
{
    public BackendWorkspace(string? template = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "devtools-backend-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        File.WriteAllText(TemplatePath, template ?? ProbeTemplate());
    }

    public string Root { get; }
    public string TemplatePath => Path.Combine(Root, "template.yaml");

    /// <summary>Probe (the test function), Limited (reserved concurrency 0: always throttled) and Python (a managed runtime).</summary>
    public static string ProbeTemplate() => $"""
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Probe:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: provided.al2023
              Handler: probe
              CodeUri: {Path.Combine(TestFunctions.FunctionsDirectory, "probe")}
              MemorySize: 256
              Timeout: 10
          Limited:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: provided.al2023
              Handler: probe
              CodeUri: {Path.Combine(TestFunctions.FunctionsDirectory, "probe")}
              ReservedConcurrentExecutions: 0
          Python:
            Type: AWS::Serverless::Function
            Properties:
              Runtime: python3.11
              Handler: handlers.echo
              CodeUri: {Path.Combine(TestFunctions.FunctionsDirectory, "python")}
        """;

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
