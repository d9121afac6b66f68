using System.Text.Json;
using DevTools.Engine.SampleEvents;

namespace DevTools.Engine.Tests.SampleEvents;

/// <summary>The catalogue as a whole: names, defaults, flag checks, and what every event has in common.</summary>
public sealed class SampleEventCatalogTests
{
    private static readonly SampleEventContext Context = new("ap-southeast-2", "210987654321", DateTimeOffset.UtcNow);

    public static TheoryData<string> Ids() => [.. SampleEventCatalog.All.Select(s => s.Id)];

    [Fact]
    public void TheIssuesServicesAreThereUnderSamsNames()
    {
        string[] expected =
        [
            "apigateway-aws-proxy", "apigateway-http-api-proxy", "apigateway-authorizer", "apigateway-request-authorizer",
            "cloudwatch-scheduled-event", "cognito-pre-signup", "dynamodb-update", "eventbridge-custom", "kinesis-get-records",
            "lambda-function-url", "s3-put", "s3-delete", "sns-notification", "sqs-receive-message",
        ];
        Assert.Equal(expected, SampleEventCatalog.All.Select(s => s.Id));
        Assert.Equal("S3 put", SampleEventCatalog.Find("s3", "put").Title);
        Assert.Equal("API Gateway aws-proxy", SampleEventCatalog.Find("apigateway", "aws-proxy").Title);
        Assert.Equal("s3-put", SampleEventCatalog.Find("S3-PUT").Id);
        Assert.All(SampleEventCatalog.All, s => Assert.NotEmpty(s.Description));
        Assert.All(SampleEventCatalog.All, s => Assert.Equal(s.Flags.Count, s.Flags.Select(f => f.Name).Distinct().Count()));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void EveryEventGeneratesAtItsDefaultsInTheContextsRegionAndAccount(string id)
    {
        var sample = SampleEventCatalog.Find(id);
        var json = SampleEventCatalog.Generate(sample, null, Context);
        using var document = JsonDocument.Parse(json);

        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        Assert.Contains("\n  ", json); // indented, as a user reads or edits it
        var strings = Strings(document.RootElement).ToList();
        // Real values, not SAM's EXAMPLE placeholders or its 1970 timestamps.
        Assert.DoesNotContain(strings, s => s.Contains("EXAMPLE", StringComparison.Ordinal) || s.StartsWith("1970-", StringComparison.Ordinal));
        Assert.DoesNotContain("us-east-1", json);
        Assert.DoesNotContain("123456789012", json);
        Assert.Contains("ap-southeast-2", json);
        // Every ARN is the context's: its region where the service has regions, its account where ARNs carry one.
        foreach (var arn in strings.Where(s => s.StartsWith("arn:aws:", StringComparison.Ordinal)))
        {
            var parts = arn.Split(':');
            if (parts[2] is not ("s3" or "iam")) Assert.Equal("ap-southeast-2", parts[3]);
            if (parts[2] is not "s3") Assert.Equal("210987654321", parts[4]);
        }
        foreach (var flag in sample.Flags)
            Assert.Equal(flag.Normalize(flag.DefaultFor(Context)), flag.DefaultFor(Context));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void TwoEventsOfOneSampleHaveTheirOwnIds(string id)
    {
        var sample = SampleEventCatalog.Find(id);
        var first = SampleEventCatalog.Generate(sample, null, Context);
        var second = SampleEventCatalog.Generate(sample, null, Context);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void TheRegionAndAccountFlagsOverrideTheContext()
    {
        var json = SampleEventCatalog.Generate(SampleEventCatalog.Find("sqs-receive-message"),
            [KeyValuePair.Create("region", "sa-east-1"), KeyValuePair.Create("accountId", "111122223333")], Context);
        Assert.Contains("arn:aws:sqs:sa-east-1:111122223333:MyQueue", json);
        Assert.Equal("ap-southeast-2", SampleEventCatalog.Find("s3-put").Flags.Single(f => f.Name == "region").DefaultFor(Context));
    }

    [Fact]
    public void FlagNamesMayBeWrittenInAnyCaseOrWithoutDashes()
    {
        var sample = SampleEventCatalog.Find("sqs-receive-message");
        foreach (var name in new[] { "queue-name", "queueName", "QueueName", "QUEUE-NAME", "queue_name" })
            Assert.Contains(":jobs\"", SampleEventCatalog.Generate(sample, [KeyValuePair.Create(name, "jobs")], Context));
    }

    [Fact]
    public void AnUnknownFlagSaysWhichFlagsTheEventHas()
    {
        var error = Assert.Throws<SampleEventException>(() => SampleEventCatalog.Generate(SampleEventCatalog.Find("s3-put"), [KeyValuePair.Create("colour", "red")], Context));
        Assert.Equal("S3 put has no flag 'colour'. Its flags: bucket, key, size, region.", error.Message);
    }

    [Fact]
    public void AFlagGivenTwiceUnderTwoSpellingsIsAnError()
    {
        var error = Assert.Throws<SampleEventException>(() => SampleEventCatalog.Generate(SampleEventCatalog.Find("sqs-receive-message"),
            [KeyValuePair.Create("queue-name", "a"), KeyValuePair.Create("queueName", "b")], Context));
        Assert.Contains("queue-name is given twice", error.Message);
    }

    [Theory]
    [InlineData("s3-put", "size", "-1", "size must be a whole number")]
    [InlineData("s3-put", "size", "1e3", "size must be a whole number")]
    [InlineData("apigateway-aws-proxy", "method", "FETCH", "method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, not 'FETCH'")]
    [InlineData("apigateway-aws-proxy", "resource", "/{proxy+}/more", "greedy variable {proxy+} must be the last segment")]
    public void AValueThatDoesNotFitItsFlagIsAnError(string id, string flag, string value, string message)
    {
        var error = Assert.Throws<SampleEventException>(() => SampleEventCatalog.Generate(SampleEventCatalog.Find(id), [KeyValuePair.Create(flag, value)], Context));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void UnknownNamesListWhatThereIs()
    {
        Assert.StartsWith("No sample event 's3-get'. Sample events: apigateway-aws-proxy, ", Assert.Throws<SampleEventException>(() => SampleEventCatalog.Find("s3-get")).Message);
        Assert.Equal("s3 has no sample event 'get'. Its events: put, delete.", Assert.Throws<SampleEventException>(() => SampleEventCatalog.Find("s3", "get")).Message);
        Assert.StartsWith("No sample events for 'ses'. Services: apigateway, cloudwatch, ", Assert.Throws<SampleEventException>(() => SampleEventCatalog.Find("ses", "receive")).Message);
    }

    [Fact]
    public void TheEventIsWrittenAsATerminalShowsIt()
    {
        var json = SampleEventCatalog.Generate(SampleEventCatalog.Find("sqs-receive-message"), [KeyValuePair.Create("body", "<b>&'é+")], Context);
        Assert.Contains("\"body\": \"<b>&'é+\"", json); // not \u003C, \u0026, \u00E9, \u002B
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
