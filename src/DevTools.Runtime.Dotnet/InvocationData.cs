namespace DevTools.Runtime.Dotnet;

/// <summary>What the Runtime API says about one invoke (its <c>/next</c> headers), for the context object.</summary>
internal sealed record InvocationData(
    string RequestId,
    long DeadlineMs,
    string? InvokedFunctionArn,
    string? TraceId,
    string? TenantId,
    string? ClientContextJson,
    string? CognitoIdentityJson)
{
    public static InvocationData From(RuntimeApiResponse next) => new(
        next.Header("lambda-runtime-aws-request-id") ?? "",
        long.TryParse(next.Header("lambda-runtime-deadline-ms"), out var deadline) ? deadline : 0,
        next.Header("lambda-runtime-invoked-function-arn"),
        next.Header("lambda-runtime-trace-id"),
        next.Header("lambda-runtime-aws-tenant-id"),
        next.Header("lambda-runtime-client-context"),
        next.Header("lambda-runtime-cognito-identity"));
}
