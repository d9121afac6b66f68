using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace DevTools.Engine.SampleEvents.Services;

/// <summary>An SQS event source mapping's batch: one message.</summary>
internal static class SqsEvents
{
    private static readonly SampleEventService Sqs = new("sqs", "SQS");

    private static readonly SampleEventFlag QueueName = SampleEventFlag.Text("queue-name", "The queue's name (a name ending in .fifo makes it a FIFO queue's message).", "MyQueue");
    private static readonly SampleEventFlag Body = SampleEventFlag.Text("body", "The message body (md5OfBody is its MD5).", "Test message.");

    public static SampleEvent ReceiveMessage { get; } = new(Sqs, "receive-message",
        "A batch of one message from a queue.",
        [QueueName, Body, SampleEventFlag.Region, SampleEventFlag.AccountId],
        v =>
        {
            var body = v[Body.Name];
            var sent = EventTimes.EpochMilliseconds(v.Now);
            var attributes = new JsonObject
            {
                ["ApproximateReceiveCount"] = "1",
                ["SentTimestamp"] = sent.ToString(CultureInfo.InvariantCulture),
                ["SenderId"] = RandomIds.IamUserId(),
                ["ApproximateFirstReceiveTimestamp"] = (sent + 3).ToString(CultureInfo.InvariantCulture),
            };
            if (v[QueueName.Name].EndsWith(".fifo", StringComparison.Ordinal))
            {
                attributes["SequenceNumber"] = "1" + RandomIds.Digits(19);
                attributes["MessageGroupId"] = "1";
                // Content-based deduplication: the SHA-256 of the body.
                attributes["MessageDeduplicationId"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
            }
            return new JsonObject
            {
                ["Records"] = new JsonArray(new JsonObject
                {
                    ["messageId"] = RandomIds.Uuid(),
                    ["receiptHandle"] = "AQEB" + RandomIds.Base64(120),
                    ["body"] = body,
                    ["attributes"] = attributes,
                    ["messageAttributes"] = new JsonObject(),
                    ["md5OfBody"] = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body))),
                    ["eventSource"] = "aws:sqs",
                    ["eventSourceARN"] = $"arn:aws:sqs:{v.Region}:{v.AccountId}:{v[QueueName.Name]}",
                    ["awsRegion"] = v.Region,
                }),
            };
        });
}
