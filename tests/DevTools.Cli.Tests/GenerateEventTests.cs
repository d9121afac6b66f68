using System.Text.Json;
using DevTools.Tests.Shared;

namespace DevTools.Cli.Tests;

/// <summary><c>devtools generate-event</c> as a user runs it, and its event piped into <c>devtools invoke -e -</c>.</summary>
public sealed class GenerateEventTests
{
    private static readonly string WorkingDirectory = Path.GetTempPath();

    [Fact]
    public async Task WithoutAnEventItListsTheServicesThenAServicesEvents()
    {
        var services = await CliRunner.RunAsync(WorkingDirectory, null, "generate-event");
        Assert.True(services.ExitCode == 0, services.ToString());
        Assert.Matches(@"(?m)^  s3 +put, delete$", services.Stdout);
        Assert.Matches(@"(?m)^  apigateway +aws-proxy, http-api-proxy, authorizer, request-authorizer$", services.Stdout);

        var events = await CliRunner.RunAsync(WorkingDirectory, null, "generate-event", "sqs");
        Assert.True(events.ExitCode == 0, events.ToString());
        Assert.Matches(@"(?m)^  receive-message +A batch of one message", events.Stdout);

        var help = await CliRunner.RunAsync(WorkingDirectory, null, "generate-event", "s3", "put", "--help");
        Assert.Contains("--bucket", help.Stdout);
        Assert.Contains("[default: example-bucket]", help.Stdout);
    }

    [Fact]
    public async Task PrintsTheEventWithItsFlagsAppliedAndTheCurrentTime()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var result = await CliRunner.RunAsync(WorkingDirectory, null, "generate-event", "s3", "put", "--bucket", "photos", "--key", "a b.jpg", "--region", "eu-west-1");

        Assert.True(result.ExitCode == 0, result.ToString());
        var record = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("Records")[0];
        Assert.Equal("photos", record.GetProperty("s3").GetProperty("bucket").GetProperty("name").GetString());
        Assert.Equal("a+b.jpg", record.GetProperty("s3").GetProperty("object").GetProperty("key").GetString());
        Assert.Equal("eu-west-1", record.GetProperty("awsRegion").GetString());
        var time = DateTimeOffset.Parse(record.GetProperty("eventTime").GetString()!);
        Assert.InRange(time, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public async Task TheRegionDefaultsToAwsRegionAsTheEnginesDoes()
    {
        var result = await CliRunner.RunAsync(WorkingDirectory, null, new Dictionary<string, string> { ["AWS_REGION"] = "ca-central-1" }, "generate-event", "sqs", "receive-message", "--queue-name", "jobs");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\"eventSourceARN\": \"arn:aws:sqs:ca-central-1:123456789012:jobs\"", result.Stdout);
    }

    [Fact]
    public async Task ABadValueOrAnUnknownFlagIsAClearError()
    {
        var bad = await CliRunner.RunAsync(WorkingDirectory, null, "generate-event", "s3", "put", "--size", "big");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("Error: size must be a whole number (0 or more), not 'big'.", bad.Stderr.Trim());
        Assert.Empty(bad.Stdout);

        var mismatch = await CliRunner.RunAsync(WorkingDirectory, null, "generate-event", "apigateway", "aws-proxy", "--path", "/orders/7", "--resource", "/users/{id}");
        Assert.Equal(2, mismatch.ExitCode);
        Assert.Contains("The path /orders/7 does not match /users/{id}.", mismatch.Stderr);

        var unknown = await CliRunner.RunAsync(WorkingDirectory, null, "generate-event", "s3", "put", "--colour", "red");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("'--colour'", unknown.Stderr);
        Assert.DoesNotContain("   at ", unknown.Stderr + bad.Stderr); // no stack trace
    }

    [Fact]
    public async Task AGeneratedS3PutInvokesARealFunctionThatReadsTheBucketAndKey()
    {
        var dir = Path.Combine(Path.GetTempPath(), "devtools-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "template.yaml"), $"""
            Resources:
              OnUpload:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: nodejs20.x
                  Handler: handlers.s3Object
                  CodeUri: {Path.Combine(TestFunctions.FunctionsDirectory, "node")}
            """);
        try
        {
            // devtools generate-event s3 put ... | devtools invoke OnUpload -e -
            var generated = await CliRunner.RunAsync(dir, null, "generate-event", "s3", "put", "--bucket", "photos", "--key", "holidays/red flower (1).jpg");
            Assert.True(generated.ExitCode == 0, generated.ToString());
            var invoked = await CliRunner.RunAsync(dir, generated.Stdout, "invoke", "OnUpload", "-e", "-");
            Assert.True(invoked.ExitCode == 0, invoked.ToString());

            var answer = JsonDocument.Parse(invoked.Stdout).RootElement;
            Assert.Equal("photos", answer.GetProperty("bucket").GetString());
            Assert.Equal("holidays/red flower (1).jpg", answer.GetProperty("key").GetString());
            Assert.Equal("holidays/red+flower+%281%29.jpg", answer.GetProperty("encodedKey").GetString());
            Assert.Contains("REPORT RequestId:", invoked.Stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
