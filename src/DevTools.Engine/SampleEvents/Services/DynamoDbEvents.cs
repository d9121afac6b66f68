using System.Globalization;
using System.Text.Json.Nodes;

namespace DevTools.Engine.SampleEvents.Services;

/// <summary>A DynamoDB stream batch: an item inserted, modified, then removed (as SAM's <c>dynamodb update</c>).</summary>
internal static class DynamoDbEvents
{
    private static readonly SampleEventService DynamoDb = new("dynamodb", "DynamoDB");

    private static readonly SampleEventFlag Table = SampleEventFlag.Text("table", "The table's name.", "ExampleTableWithStream");

    public static SampleEvent Update { get; } = new(DynamoDb, "update",
        "A stream batch of three records on one item: INSERT, MODIFY, REMOVE (stream view NEW_AND_OLD_IMAGES).",
        [Table, SampleEventFlag.Region, SampleEventFlag.AccountId],
        v =>
        {
            // A stream's ARN ends with its label, the time it was enabled.
            var streamArn = $"arn:aws:dynamodb:{v.Region}:{v.AccountId}:table/{v[Table.Name]}/stream/{EventTimes.IsoMilliseconds(v.Now.AddDays(-1)).TrimEnd('Z')}";
            var sequence = long.Parse("1" + RandomIds.Digits(17), CultureInfo.InvariantCulture);
            JsonObject Record(string eventName, string? oldMessage, string? newMessage, int sizeBytes, int index)
            {
                var change = new JsonObject
                {
                    ["ApproximateCreationDateTime"] = EventTimes.EpochSeconds(v.Now),
                    ["Keys"] = Item(null),
                };
                if (newMessage is not null) change["NewImage"] = Item(newMessage);
                if (oldMessage is not null) change["OldImage"] = Item(oldMessage);
                change["SequenceNumber"] = (sequence + index * 100).ToString(CultureInfo.InvariantCulture) + "00";
                change["SizeBytes"] = sizeBytes;
                change["StreamViewType"] = "NEW_AND_OLD_IMAGES";
                return new JsonObject
                {
                    ["eventID"] = RandomIds.Hex(32),
                    ["eventName"] = eventName,
                    ["eventVersion"] = "1.1",
                    ["eventSource"] = "aws:dynamodb",
                    ["awsRegion"] = v.Region,
                    ["dynamodb"] = change,
                    ["eventSourceARN"] = streamArn,
                };
            }
            return new JsonObject
            {
                ["Records"] = new JsonArray(
                    Record("INSERT", null, "New item!", 26, 0),
                    Record("MODIFY", "New item!", "This item has changed", 59, 1),
                    Record("REMOVE", "This item has changed", null, 38, 2)),
            };
        });

    /// <summary>The item's key, or the whole item with its message, in DynamoDB's typed attribute JSON.</summary>
    private static JsonObject Item(string? message)
    {
        var item = new JsonObject { ["Id"] = new JsonObject { ["N"] = "101" } };
        if (message is not null) item["Message"] = new JsonObject { ["S"] = message };
        return item;
    }
}
