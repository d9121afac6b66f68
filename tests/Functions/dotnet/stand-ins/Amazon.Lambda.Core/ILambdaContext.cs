namespace Amazon.Lambda.Core;

/// <summary>Stand-in of Amazon.Lambda.Core's ILambdaContext (same members; the newer ones have defaults, as in the package).</summary>
public interface ILambdaContext
{
    string AwsRequestId { get; }
    IClientContext ClientContext { get; }
    string FunctionName { get; }
    string FunctionVersion { get; }
    ICognitoIdentity Identity { get; }
    string InvokedFunctionArn { get; }
    ILambdaLogger Logger { get; }
    string LogGroupName { get; }
    string LogStreamName { get; }
    int MemoryLimitInMB { get; }
    TimeSpan RemainingTime { get; }
    string TenantId => null;
    string TraceId => null;
    ILambdaSerializer Serializer => null;
}
