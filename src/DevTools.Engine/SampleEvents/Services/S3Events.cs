using System.Text.Json.Nodes;

namespace DevTools.Engine.SampleEvents.Services;

/// <summary>S3 event notifications: an object created (put) or removed (delete), one record.</summary>
internal static class S3Events
{
    private static readonly SampleEventService S3 = new("s3", "S3");

    private static readonly SampleEventFlag Bucket = SampleEventFlag.Text("bucket", "The bucket's name.", "example-bucket");
    private static readonly SampleEventFlag Key = SampleEventFlag.Text("key", "The object's key, as stored (the event carries it form-URL-encoded: a space becomes +).", "test/key");
    private static readonly SampleEventFlag Size = SampleEventFlag.WholeNumber("size", "The object's size in bytes.", 1024);

    public static SampleEvent Put { get; } = new(S3, "put",
        "An object was created (ObjectCreated:Put).",
        [Bucket, Key, Size, SampleEventFlag.Region],
        v => Record(v, "ObjectCreated:Put", new JsonObject
        {
            ["key"] = S3KeyEncoding.Encode(v[Key.Name]),
            ["size"] = v.WholeNumber(Size.Name),
            ["eTag"] = RandomIds.Hex(32),
            ["sequencer"] = Sequencer(),
        }));

    public static SampleEvent Delete { get; } = new(S3, "delete",
        "An object was deleted (ObjectRemoved:Delete); the record has no size or eTag.",
        [Bucket, Key, SampleEventFlag.Region],
        v => Record(v, "ObjectRemoved:Delete", new JsonObject
        {
            ["key"] = S3KeyEncoding.Encode(v[Key.Name]),
            ["sequencer"] = Sequencer(),
        }));

    private static JsonObject Record(SampleEventValues v, string eventName, JsonObject s3Object) => new()
    {
        ["Records"] = new JsonArray(new JsonObject
        {
            ["eventVersion"] = "2.1",
            ["eventSource"] = "aws:s3",
            ["awsRegion"] = v.Region,
            ["eventTime"] = EventTimes.IsoMilliseconds(v.Now),
            ["eventName"] = eventName,
            ["userIdentity"] = new JsonObject { ["principalId"] = "AWS:" + RandomIds.IamUserId() },
            ["requestParameters"] = new JsonObject { ["sourceIPAddress"] = "127.0.0.1" },
            ["responseElements"] = new JsonObject
            {
                ["x-amz-request-id"] = RandomIds.Hex(16, upper: true),
                ["x-amz-id-2"] = RandomIds.Base64(48),
            },
            ["s3"] = new JsonObject
            {
                ["s3SchemaVersion"] = "1.0",
                ["configurationId"] = "testConfigRule",
                ["bucket"] = new JsonObject
                {
                    ["name"] = v[Bucket.Name],
                    ["ownerIdentity"] = new JsonObject { ["principalId"] = "A" + RandomIds.UpperAlphanumeric(13) },
                    ["arn"] = "arn:aws:s3:::" + v[Bucket.Name],
                },
                ["object"] = s3Object,
            },
        }),
    };

    /// <summary>Orders the events of one key: 18 hex digits.</summary>
    private static string Sequencer() => RandomIds.Hex(18, upper: true);
}
