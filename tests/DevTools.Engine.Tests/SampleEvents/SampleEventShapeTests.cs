using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DevTools.Engine.SampleEvents;

namespace DevTools.Engine.Tests.SampleEvents;

/// <summary>
/// Each sample event's shape, field by field, as the services send it (shared/reference/event-sources.md §1.6, 2.6, 3, 6, 7),
/// with its flags applied, in the region, account and time it is generated for, and without SAM's sample quirks.
/// </summary>
public sealed class SampleEventShapeTests
{
    private static readonly DateTimeOffset Now = new(2031, 2, 3, 4, 5, 6, 789, TimeSpan.Zero);
    private static readonly SampleEventContext Context = new("eu-west-3", "210987654321", Now);

    internal static JsonElement Generate(string id, params (string Flag, string Value)[] values) =>
        JsonDocument.Parse(SampleEventCatalog.Generate(SampleEventCatalog.Find(id), values.Select(v => KeyValuePair.Create(v.Flag, v.Value)), Context)).RootElement;

    private static JsonElement OnlyRecord(JsonElement e) => Assert.Single(e.GetProperty("Records").EnumerateArray());

    private static string Text(JsonElement e, params string[] path) => path.Aggregate(e, (x, p) => x.GetProperty(p)).GetString()!;

    private static void AssertAbsent(JsonElement e, string property) => Assert.False(e.TryGetProperty(property, out _), $"{property} should be absent");

    [Fact]
    public void S3PutCarriesTheBucketAndTheFormEncodedKey()
    {
        var record = OnlyRecord(Generate("s3-put", ("bucket", "photos"), ("key", "uploads/red flower (1).jpg"), ("size", "2048")));

        Assert.Equal("aws:s3", Text(record, "eventSource"));
        Assert.StartsWith("2.", Text(record, "eventVersion"));
        Assert.Equal("ObjectCreated:Put", Text(record, "eventName"));
        Assert.Equal("eu-west-3", Text(record, "awsRegion"));
        Assert.Equal("2031-02-03T04:05:06.789Z", Text(record, "eventTime"));
        Assert.Equal("photos", Text(record, "s3", "bucket", "name"));
        Assert.Equal("arn:aws:s3:::photos", Text(record, "s3", "bucket", "arn"));
        // S3 writes keys form-URL-encoded (a space is +), not percent-encoded as SAM's sample does.
        Assert.Equal("uploads/red+flower+%281%29.jpg", Text(record, "s3", "object", "key"));
        Assert.Equal(2048, record.GetProperty("s3").GetProperty("object").GetProperty("size").GetInt64());
        Assert.Matches("^[0-9a-f]{32}$", Text(record, "s3", "object", "eTag"));
        Assert.Matches("^[0-9A-F]+$", Text(record, "s3", "object", "sequencer"));
        Assert.Equal("1.0", Text(record, "s3", "s3SchemaVersion"));
        Assert.StartsWith("AWS:AIDA", Text(record, "userIdentity", "principalId"));
    }

    [Fact]
    public void S3DeleteHasNoSizeOrETag()
    {
        var record = OnlyRecord(Generate("s3-delete", ("bucket", "photos"), ("key", "a b.jpg")));

        Assert.Equal("ObjectRemoved:Delete", Text(record, "eventName"));
        var s3Object = record.GetProperty("s3").GetProperty("object");
        Assert.Equal("a+b.jpg", Text(s3Object, "key"));
        AssertAbsent(s3Object, "size");
        AssertAbsent(s3Object, "eTag");
        Assert.True(s3Object.TryGetProperty("sequencer", out _));
    }

    [Fact]
    public void SqsMessageHasTheBodyItsRealMd5AndTheQueueArn()
    {
        const string body = """{"id":1,"name":"é"}""";
        var record = OnlyRecord(Generate("sqs-receive-message", ("queue-name", "jobs"), ("body", body)));

        Assert.Equal(body, Text(record, "body"));
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body))), Text(record, "md5OfBody"));
        Assert.Equal("arn:aws:sqs:eu-west-3:210987654321:jobs", Text(record, "eventSourceARN"));
        Assert.Equal("aws:sqs", Text(record, "eventSource"));
        Assert.Equal("eu-west-3", Text(record, "awsRegion"));
        Assert.True(Guid.TryParse(Text(record, "messageId"), out _));
        Assert.NotEmpty(Text(record, "receiptHandle"));
        var attributes = record.GetProperty("attributes");
        Assert.Equal("1", Text(attributes, "ApproximateReceiveCount"));
        Assert.Equal(Now.ToUnixTimeMilliseconds().ToString(), Text(attributes, "SentTimestamp"));
        Assert.True(long.Parse(Text(attributes, "ApproximateFirstReceiveTimestamp")) >= Now.ToUnixTimeMilliseconds());
        AssertAbsent(attributes, "MessageGroupId");
        Assert.Equal(JsonValueKind.Object, record.GetProperty("messageAttributes").ValueKind);
    }

    [Fact]
    public void AFifoQueuesMessageHasItsGroupSequenceAndContentBasedDeduplicationId()
    {
        var attributes = OnlyRecord(Generate("sqs-receive-message", ("queue-name", "orders.fifo"), ("body", "x"))).GetProperty("attributes");

        Assert.Equal("1", Text(attributes, "MessageGroupId"));
        Assert.Matches("^[0-9]{20}$", Text(attributes, "SequenceNumber"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("x"u8)), Text(attributes, "MessageDeduplicationId"));
    }

    [Fact]
    public void SnsNotificationHasTheTopicAndASubscriptionArnWithTheAccount()
    {
        var record = OnlyRecord(Generate("sns-notification", ("topic", "orders"), ("message", """{"orderId":7}"""), ("subject", "")));

        Assert.Equal("aws:sns", Text(record, "EventSource"));
        Assert.Equal("1.0", Text(record, "EventVersion"));
        var sns = record.GetProperty("Sns");
        Assert.Equal("arn:aws:sns:eu-west-3:210987654321:orders", Text(sns, "TopicArn"));
        // The subscription ARN is the topic's plus a subscription id (SAM's sample leaves the account out).
        Assert.Matches("^arn:aws:sns:eu-west-3:210987654321:orders:[0-9a-f-]{36}$", Text(record, "EventSubscriptionArn"));
        Assert.Equal("""{"orderId":7}""", Text(sns, "Message"));
        Assert.Equal(JsonValueKind.Null, sns.GetProperty("Subject").ValueKind);
        Assert.Equal("Notification", Text(sns, "Type"));
        Assert.Equal("2031-02-03T04:05:06.789Z", Text(sns, "Timestamp"));
        Assert.StartsWith("https://sns.eu-west-3.amazonaws.com/", Text(sns, "SigningCertUrl"));
        Assert.Contains(Text(record, "EventSubscriptionArn"), Text(sns, "UnsubscribeUrl"));
        Assert.Equal("example subject", Text(OnlyRecord(Generate("sns-notification")).GetProperty("Sns"), "Subject"));
    }

    [Fact]
    public void ScheduledEventHasEventBridgesEnvelopeAndTheRuleArn()
    {
        var e = Generate("cloudwatch-scheduled-event", ("rule", "nightly"));

        Assert.Equal("0", Text(e, "version")); // SAM's sample omits it
        Assert.True(Guid.TryParse(Text(e, "id"), out _));
        Assert.Equal("Scheduled Event", Text(e, "detail-type"));
        Assert.Equal("aws.events", Text(e, "source"));
        Assert.Equal("210987654321", Text(e, "account"));
        Assert.Equal("2031-02-03T04:05:06Z", Text(e, "time"));
        Assert.Equal("eu-west-3", Text(e, "region"));
        Assert.Equal("arn:aws:events:eu-west-3:210987654321:rule/nightly", Assert.Single(e.GetProperty("resources").EnumerateArray()).GetString());
        Assert.Empty(e.GetProperty("detail").EnumerateObject());
    }

    [Fact]
    public void CustomEventBridgeEventCarriesItsSourceDetailTypeAndDetailObject()
    {
        var e = Generate("eventbridge-custom", ("source", "com.shop.orders"), ("detail-type", "OrderPlaced"), ("detail", """{"orderId":7,"items":[1,2]}"""));

        Assert.Equal("0", Text(e, "version"));
        Assert.Equal("com.shop.orders", Text(e, "source"));
        Assert.Equal("OrderPlaced", Text(e, "detail-type"));
        Assert.Equal(7, e.GetProperty("detail").GetProperty("orderId").GetInt32());
        Assert.Equal(2, e.GetProperty("detail").GetProperty("items").GetArrayLength());
        Assert.Empty(e.GetProperty("resources").EnumerateArray());
        Assert.Contains("detail must be a JSON object", Assert.Throws<SampleEventException>(() => Generate("eventbridge-custom", ("detail", "[1]"))).Message);
        Assert.Contains("detail must be a JSON object", Assert.Throws<SampleEventException>(() => Generate("eventbridge-custom", ("detail", "{nope"))).Message);
    }

    [Fact]
    public void DynamoDbUpdateIsAnInsertModifyAndRemoveWithTheRightImages()
    {
        var records = Generate("dynamodb-update", ("table", "Items")).GetProperty("Records").EnumerateArray().ToList();

        Assert.Equal(["INSERT", "MODIFY", "REMOVE"], records.Select(r => Text(r, "eventName")));
        foreach (var r in records)
        {
            Assert.Equal("aws:dynamodb", Text(r, "eventSource"));
            Assert.Equal("eu-west-3", Text(r, "awsRegion"));
            Assert.Matches(@"^arn:aws:dynamodb:eu-west-3:210987654321:table/Items/stream/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$", Text(r, "eventSourceARN"));
            var change = r.GetProperty("dynamodb");
            Assert.Equal(Now.ToUnixTimeSeconds(), change.GetProperty("ApproximateCreationDateTime").GetInt64());
            Assert.Equal("101", Text(change, "Keys", "Id", "N"));
            Assert.Equal("NEW_AND_OLD_IMAGES", Text(change, "StreamViewType"));
        }
        AssertAbsent(records[0].GetProperty("dynamodb"), "OldImage");
        Assert.Equal("New item!", Text(records[0], "dynamodb", "NewImage", "Message", "S"));
        Assert.Equal("New item!", Text(records[1], "dynamodb", "OldImage", "Message", "S"));
        Assert.Equal("This item has changed", Text(records[1], "dynamodb", "NewImage", "Message", "S"));
        AssertAbsent(records[2].GetProperty("dynamodb"), "NewImage");
        var sequence = records.Select(r => decimal.Parse(Text(r, "dynamodb", "SequenceNumber"))).ToList();
        Assert.Equal(sequence.Order(), sequence);
    }

    [Fact]
    public void KinesisRecordHasBase64DataAndRealArns()
    {
        var record = OnlyRecord(Generate("kinesis-get-records", ("stream", "clicks"), ("partition-key", "pk-1"), ("data", "Hello")));

        var kinesis = record.GetProperty("kinesis");
        Assert.Equal("SGVsbG8=", Text(kinesis, "data"));
        Assert.Equal("pk-1", Text(kinesis, "partitionKey"));
        Assert.Equal(Now.ToUnixTimeMilliseconds() / 1000.0, kinesis.GetProperty("approximateArrivalTimestamp").GetDouble());
        Assert.Equal($"shardId-000000000000:{Text(kinesis, "sequenceNumber")}", Text(record, "eventID"));
        Assert.Equal("aws:kinesis:record", Text(record, "eventName"));
        Assert.Equal("arn:aws:kinesis:eu-west-3:210987654321:stream/clicks", Text(record, "eventSourceARN"));
        Assert.Equal("arn:aws:iam::210987654321:role/lambda-role", Text(record, "invokeIdentityArn"));
    }

    [Fact]
    public void CognitoPreSignUpHasTheUserPoolTriggerShape()
    {
        var e = Generate("cognito-pre-signup", ("user-name", "alice"), ("email", "alice@example.com"), ("trigger-source", "presignup_admincreateuser"));

        Assert.Equal("1", Text(e, "version"));
        Assert.Equal("PreSignUp_AdminCreateUser", Text(e, "triggerSource"));
        Assert.Equal("eu-west-3", Text(e, "region"));
        Assert.Matches("^eu-west-3_[A-Za-z0-9]{9}$", Text(e, "userPoolId"));
        Assert.Equal("alice", Text(e, "userName"));
        Assert.NotEmpty(Text(e, "callerContext", "clientId"));
        Assert.Equal("alice@example.com", Text(e, "request", "userAttributes", "email"));
        Assert.All(e.GetProperty("response").EnumerateObject(), p => Assert.Equal(JsonValueKind.False, p.Value.ValueKind));
        Assert.Contains("trigger-source must be one of", Assert.Throws<SampleEventException>(() => Generate("cognito-pre-signup", ("trigger-source", "PostConfirmation"))).Message);
    }

    [Fact]
    public void RestProxyRequestMatchesTheResourceAndSplitsTheQuery()
    {
        var e = Generate("apigateway-aws-proxy", ("method", "get"), ("path", "users/42"), ("resource", "/users/{id}"), ("query", "tag=a&tag=b&q=red%20fox"), ("body", ""), ("stage", "Prod"));

        Assert.Equal("/users/{id}", Text(e, "resource"));
        Assert.Equal("/users/42", Text(e, "path"));
        Assert.Equal("GET", Text(e, "httpMethod"));
        Assert.Equal("42", Text(e, "pathParameters", "id"));
        // The single-valued map keeps a repeated key's last value; the multi-valued one keeps them all, in order.
        Assert.Equal("b", Text(e, "queryStringParameters", "tag"));
        Assert.Equal("red fox", Text(e, "queryStringParameters", "q"));
        Assert.Equal(["a", "b"], e.GetProperty("multiValueQueryStringParameters").GetProperty("tag").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(JsonValueKind.Null, e.GetProperty("body").ValueKind);
        Assert.False(e.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("stageVariables").ValueKind);
        AssertAbsent(e, "version"); // REST events have none
        Assert.Equal(e.GetProperty("headers").EnumerateObject().Select(h => h.Name), e.GetProperty("multiValueHeaders").EnumerateObject().Select(h => h.Name));
        AssertAbsent(e.GetProperty("headers"), "Content-Type");

        var context = e.GetProperty("requestContext");
        var apiId = Text(context, "apiId");
        Assert.Matches("^[a-z0-9]{10}$", apiId);
        Assert.Equal("210987654321", Text(context, "accountId"));
        Assert.Equal("/users/{id}", Text(context, "resourcePath"));
        Assert.Equal("/Prod/users/42", Text(context, "path")); // with the stage, unlike the top-level path
        Assert.Equal("Prod", Text(context, "stage"));
        Assert.Equal("03/Feb/2031:04:05:06 +0000", Text(context, "requestTime"));
        Assert.Equal(Now.ToUnixTimeMilliseconds(), context.GetProperty("requestTimeEpoch").GetInt64());
        Assert.Equal($"{apiId}.execute-api.eu-west-3.amazonaws.com", Text(context, "domainName"));
        Assert.Equal($"{apiId}.execute-api.eu-west-3.amazonaws.com", Text(e, "headers", "Host"));
        Assert.True(Guid.TryParse(Text(context, "requestId"), out _));
        Assert.Equal("127.0.0.1", Text(context, "identity", "sourceIp"));
        Assert.Equal(JsonValueKind.Null, context.GetProperty("identity").GetProperty("userArn").ValueKind);
    }

    [Fact]
    public void RestProxyRequestWithABodyOrGreedyResourceOrNoQuery()
    {
        var e = Generate("apigateway-aws-proxy", ("path", "/hello/big/world"), ("resource", "/hello/{proxy+}"), ("query", ""), ("body", """{"a":1}"""));

        Assert.Equal("big/world", Text(e, "pathParameters", "proxy"));
        Assert.Equal(JsonValueKind.Null, e.GetProperty("queryStringParameters").ValueKind);
        Assert.Equal(JsonValueKind.Null, e.GetProperty("multiValueQueryStringParameters").ValueKind);
        Assert.Equal("""{"a":1}""", Text(e, "body"));
        Assert.Equal("application/json", Text(e, "headers", "Content-Type"));
        Assert.Equal(JsonValueKind.Null, Generate("apigateway-aws-proxy", ("path", "/x"), ("resource", "/x")).GetProperty("pathParameters").ValueKind);
        Assert.Contains("does not match /users/{id}", Assert.Throws<SampleEventException>(() => Generate("apigateway-aws-proxy", ("path", "/orders/1"), ("resource", "/users/{id}"))).Message);
    }

    [Fact]
    public void HttpApiRequestIsPayloadFormat2()
    {
        var e = Generate("apigateway-http-api-proxy", ("method", "GET"), ("path", "/users/42"), ("route-key", "GET /users/{id}"), ("query", "tag=a&tag=b"), ("cookies", "sid=abc; theme=dark"), ("body", ""));

        Assert.Equal("2.0", Text(e, "version"));
        Assert.Equal("GET /users/{id}", Text(e, "routeKey"));
        Assert.Equal("/users/42", Text(e, "rawPath"));
        Assert.Equal("tag=a&tag=b", Text(e, "rawQueryString"));
        Assert.Equal("a,b", Text(e, "queryStringParameters", "tag")); // joined with commas
        Assert.Equal(["sid=abc", "theme=dark"], e.GetProperty("cookies").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("42", Text(e, "pathParameters", "id"));
        Assert.All(e.GetProperty("headers").EnumerateObject(), h => Assert.Equal(h.Name.ToLowerInvariant(), h.Name));
        AssertAbsent(e.GetProperty("headers"), "cookie");
        AssertAbsent(e, "body");
        AssertAbsent(e, "stageVariables");
        Assert.False(e.GetProperty("isBase64Encoded").GetBoolean());

        var context = e.GetProperty("requestContext");
        Assert.Equal("$default", Text(context, "stage"));
        Assert.Equal("GET /users/{id}", Text(context, "routeKey"));
        Assert.Equal("GET", Text(context, "http", "method"));
        Assert.Equal("/users/42", Text(context, "http", "path"));
        Assert.Equal("03/Feb/2031:04:05:06 +0000", Text(context, "time"));
        Assert.Equal(Now.ToUnixTimeMilliseconds(), context.GetProperty("timeEpoch").GetInt64()); // milliseconds, not SAM's seconds
        Assert.Equal($"{Text(context, "apiId")}.execute-api.eu-west-3.amazonaws.com", Text(context, "domainName"));
        Assert.Equal("210987654321", Text(context, "accountId"));
    }

    [Fact]
    public void HttpApiDefaultRouteNamedStageAndBody()
    {
        var e = Generate("apigateway-http-api-proxy", ("method", "POST"), ("path", "/orders"), ("stage", "dev"), ("query", ""), ("cookies", ""), ("body", "hello"));

        Assert.Equal("$default", Text(e, "routeKey"));
        Assert.Equal("/dev/orders", Text(e, "rawPath")); // a named stage is in the path
        AssertAbsent(e, "pathParameters");
        AssertAbsent(e, "queryStringParameters");
        AssertAbsent(e, "cookies");
        Assert.Equal("", Text(e, "rawQueryString"));
        Assert.Equal("hello", Text(e, "body"));
        Assert.Equal("text/plain", Text(e, "headers", "content-type"));
        Assert.Equal("5", Text(e, "headers", "content-length"));
        Assert.Equal("ANY /{proxy+}", Text(Generate("apigateway-http-api-proxy", ("route-key", "ANY /{proxy+}")), "routeKey"));
        Assert.Contains("does not take POST requests", Assert.Throws<SampleEventException>(() => Generate("apigateway-http-api-proxy", ("route-key", "GET /my/path"))).Message);
        Assert.Contains("route-key must be $default or METHOD /path", Assert.Throws<SampleEventException>(() => Generate("apigateway-http-api-proxy", ("route-key", "/my/path"))).Message);
    }

    [Fact]
    public void FunctionUrlRequestHasTheUrlsPlaceholders()
    {
        var e = Generate("lambda-function-url", ("method", "GET"), ("path", "/items/7"), ("body", ""));

        Assert.Equal("2.0", Text(e, "version"));
        Assert.Equal("$default", Text(e, "routeKey"));
        Assert.Equal("/items/7", Text(e, "rawPath"));
        AssertAbsent(e, "pathParameters");
        AssertAbsent(e, "stageVariables");
        var context = e.GetProperty("requestContext");
        var urlId = Text(context, "apiId");
        Assert.Matches("^[a-z0-9]{32}$", urlId);
        Assert.Equal(urlId, Text(context, "domainPrefix"));
        Assert.Equal($"{urlId}.lambda-url.eu-west-3.on.aws", Text(context, "domainName"));
        Assert.Equal($"{urlId}.lambda-url.eu-west-3.on.aws", Text(e, "headers", "host"));
        Assert.Equal("anonymous", Text(context, "accountId"));
        Assert.Equal("$default", Text(context, "stage"));
        Assert.Equal("$default", Text(context, "routeKey"));
        Assert.Equal(JsonValueKind.Null, context.GetProperty("authentication").ValueKind);
        Assert.StartsWith("TLS", Text(e, "headers", "x-amzn-tls-version"));
    }

    [Fact]
    public void TokenAuthorizerHasTheTokenAndTheMethodArn()
    {
        var e = Generate("apigateway-authorizer", ("token", "Bearer abc.def"), ("method", "DELETE"), ("path", "/users/42"), ("stage", "Prod"));

        Assert.Equal(["type", "authorizationToken", "methodArn"], e.EnumerateObject().Select(p => p.Name));
        Assert.Equal("TOKEN", Text(e, "type"));
        Assert.Equal("Bearer abc.def", Text(e, "authorizationToken"));
        Assert.Matches("^arn:aws:execute-api:eu-west-3:210987654321:[a-z0-9]{10}/Prod/DELETE/users/42$", Text(e, "methodArn"));
    }

    [Fact]
    public void RequestAuthorizerHasTheRequestWithoutItsBody()
    {
        var e = Generate("apigateway-request-authorizer", ("token", "t0k3n"), ("path", "/users/42"), ("resource", "/users/{id}"), ("stage", "Prod"));

        Assert.Equal("REQUEST", Text(e, "type"));
        var apiId = Text(e, "requestContext", "apiId");
        Assert.Equal($"arn:aws:execute-api:eu-west-3:210987654321:{apiId}/Prod/GET/users/42", Text(e, "methodArn"));
        Assert.Equal("t0k3n", Text(e, "headers", "Authorization"));
        Assert.Equal("42", Text(e, "pathParameters", "id"));
        Assert.Equal("queryValue1", Text(e, "queryStringParameters", "QueryString1"));
        AssertAbsent(e, "body");
        AssertAbsent(e, "isBase64Encoded");
    }
}
