using System.Text.Json.Nodes;

namespace DevTools.Engine.SampleEvents.Services;

/// <summary>An SNS notification delivered to a subscribed function.</summary>
internal static class SnsEvents
{
    private static readonly SampleEventService Sns = new("sns", "SNS");

    private static readonly SampleEventFlag Topic = SampleEventFlag.Text("topic", "The topic's name.", "ExampleTopic");
    private static readonly SampleEventFlag Message = SampleEventFlag.Text("message", "The message (always a string; JSON is passed as its text).", "example message");
    private static readonly SampleEventFlag Subject = SampleEventFlag.Text("subject", "The subject; empty for none (null).", "example subject");

    public static SampleEvent Notification { get; } = new(Sns, "notification",
        "A message published to a topic the function subscribes to.",
        [Topic, Message, Subject, SampleEventFlag.Region, SampleEventFlag.AccountId],
        v =>
        {
            var topicArn = $"arn:aws:sns:{v.Region}:{v.AccountId}:{v[Topic.Name]}";
            var subscriptionArn = $"{topicArn}:{RandomIds.Uuid()}";
            var endpoint = $"https://sns.{v.Region}.amazonaws.com";
            return new JsonObject
            {
                ["Records"] = new JsonArray(new JsonObject
                {
                    ["EventSource"] = "aws:sns",
                    ["EventVersion"] = "1.0",
                    ["EventSubscriptionArn"] = subscriptionArn,
                    ["Sns"] = new JsonObject
                    {
                        ["Type"] = "Notification",
                        ["MessageId"] = RandomIds.Uuid(),
                        ["TopicArn"] = topicArn,
                        ["Subject"] = v.Optional(Subject.Name),
                        ["Message"] = v[Message.Name],
                        ["Timestamp"] = EventTimes.IsoMilliseconds(v.Now),
                        ["SignatureVersion"] = "1",
                        ["Signature"] = RandomIds.Base64(256),
                        ["SigningCertUrl"] = $"{endpoint}/SimpleNotificationService-{RandomIds.Hex(32)}.pem",
                        ["UnsubscribeUrl"] = $"{endpoint}/?Action=Unsubscribe&SubscriptionArn={subscriptionArn}",
                        ["MessageAttributes"] = new JsonObject(),
                    },
                }),
            };
        });
}
