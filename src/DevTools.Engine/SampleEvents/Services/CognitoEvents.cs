using System.Text.Json.Nodes;

namespace DevTools.Engine.SampleEvents.Services;

/// <summary>Cognito user pool triggers (SAM has none; its <c>cognito sync-trigger</c> is the retired Cognito Sync).</summary>
internal static class CognitoEvents
{
    private static readonly SampleEventService Cognito = new("cognito", "Cognito");

    private static readonly SampleEventFlag UserName = SampleEventFlag.Text("user-name", "The user signing up.", "johndoe");
    private static readonly SampleEventFlag Email = SampleEventFlag.Text("email", "The user's email attribute.", "johndoe@example.com");
    private static readonly SampleEventFlag TriggerSource = SampleEventFlag.Choice("trigger-source", "What started the sign-up.",
        "PreSignUp_SignUp", "PreSignUp_SignUp", "PreSignUp_AdminCreateUser", "PreSignUp_ExternalProvider");

    public static SampleEvent PreSignUp { get; } = new(Cognito, "pre-signup",
        "A user pool's pre sign-up trigger; the function returns the event with its response edited.",
        [UserName, Email, TriggerSource, SampleEventFlag.Region],
        v => new JsonObject
        {
            ["version"] = "1",
            ["triggerSource"] = v[TriggerSource.Name],
            ["region"] = v.Region,
            ["userPoolId"] = $"{v.Region}_{RandomIds.Alphanumeric(9)}",
            ["userName"] = v[UserName.Name],
            ["callerContext"] = new JsonObject
            {
                ["awsSdkVersion"] = "aws-sdk-unknown-unknown",
                ["clientId"] = RandomIds.LowerAlphanumeric(26),
            },
            ["request"] = new JsonObject
            {
                ["userAttributes"] = new JsonObject { ["email"] = v[Email.Name] },
                ["validationData"] = null,
                ["clientMetadata"] = null,
            },
            ["response"] = new JsonObject
            {
                ["autoConfirmUser"] = false,
                ["autoVerifyEmail"] = false,
                ["autoVerifyPhone"] = false,
            },
        });
}
