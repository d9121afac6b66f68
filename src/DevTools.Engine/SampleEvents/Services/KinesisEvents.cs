using System.Text;
using System.Text.Json.Nodes;

namespace DevTools.Engine.SampleEvents.Services;

/// <summary>A Kinesis Data Streams batch: one record.</summary>
internal static class KinesisEvents
{
    private static readonly SampleEventService Kinesis = new("kinesis", "Kinesis");

    private static readonly SampleEventFlag Stream = SampleEventFlag.Text("stream", "The stream's name.", "my-stream");
    private static readonly SampleEventFlag PartitionKey = SampleEventFlag.Text("partition-key", "The record's partition key.", "partitionKey-03");
    private static readonly SampleEventFlag Data = SampleEventFlag.Text("data", "The record's data, as text (the event carries it base64-encoded).", "Hello, this is a test 123.");

    public static SampleEvent GetRecords { get; } = new(Kinesis, "get-records",
        "A batch of one record from a stream.",
        [Stream, PartitionKey, Data, SampleEventFlag.Region, SampleEventFlag.AccountId],
        v =>
        {
            var sequenceNumber = "4959" + RandomIds.Digits(52);
            return new JsonObject
            {
                ["Records"] = new JsonArray(new JsonObject
                {
                    ["kinesis"] = new JsonObject
                    {
                        ["kinesisSchemaVersion"] = "1.0",
                        ["partitionKey"] = v[PartitionKey.Name],
                        ["sequenceNumber"] = sequenceNumber,
                        ["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(v[Data.Name])),
                        ["approximateArrivalTimestamp"] = EventTimes.EpochMilliseconds(v.Now) / 1000.0,
                    },
                    ["eventSource"] = "aws:kinesis",
                    ["eventVersion"] = "1.0",
                    ["eventID"] = $"shardId-000000000000:{sequenceNumber}",
                    ["eventName"] = "aws:kinesis:record",
                    // The role the event source mapping reads the stream with: the function's execution role.
                    ["invokeIdentityArn"] = $"arn:aws:iam::{v.AccountId}:role/lambda-role",
                    ["awsRegion"] = v.Region,
                    ["eventSourceARN"] = $"arn:aws:kinesis:{v.Region}:{v.AccountId}:stream/{v[Stream.Name]}",
                }),
            };
        });
}
