using System.Management.Automation;
using DevTools.Client;
using DevTools.PowerShell.Backend;
using DevTools.PowerShell.Json;
using StreamJsonRpc;

namespace DevTools.PowerShell.Commands;

/// <summary>
/// The one mapping from a failure to the ErrorRecord a user sees. The engine decides what went wrong (its Lambda error
/// type, e.g. ResourceNotFoundException); this says it in PowerShell's terms: an error id (the start of the
/// FullyQualifiedErrorId), a category, and what to do about it.
/// </summary>
internal static class ErrorRecords
{
    /// <summary>The ErrorRecord for a failure; null for one that is not ours to describe, and for a cancellation (Ctrl+C: nothing to report).</summary>
    public static ErrorRecord? From(Exception exception, object? target)
    {
        switch (exception)
        {
            case OperationCanceledException:
                return null;
            case LambdaServiceErrorException lambda:
                var record = new ErrorRecord(lambda, lambda.ErrorType, CategoryOf(lambda), target);
                if (RecommendationFor(lambda) is { } action) record.ErrorDetails = new ErrorDetails(lambda.Message) { RecommendedAction = action };
                return record;
            case BackendUnavailableException unavailable:
                return new ErrorRecord(unavailable, "BackendUnavailable", ErrorCategory.ResourceUnavailable, target);
            case TemplateMismatchException mismatch:
                return new ErrorRecord(mismatch, "TemplateMismatch", ErrorCategory.ResourceExists, target);
            case RemoteMethodNotFoundException missing: // any request a backend started by an older version does not know
                return From(new BackendOutdatedException($"The backend of this folder predates {missing.TargetMethod}."), target);
            case HttpRequestException http: // Invoke-LocalApi's request to the served API
                return new ErrorRecord(http, "ApiRequestFailed", ErrorCategory.ConnectionError, target);
            case ConnectionLostException or ObjectDisposedException or IOException:
                return new ErrorRecord(new BackendUnavailableException($"The connection to the backend was lost: {exception.Message}", exception),
                    "BackendConnectionLost", ErrorCategory.ConnectionError, target);
            case RemoteInvocationException remote:
                return new ErrorRecord(new InvalidOperationException($"The backend refused the request: {remote.Message}", remote),
                    "BackendError", ErrorCategory.InvalidOperation, target);
            case InvalidSampleEventException sample:
                return new ErrorRecord(sample, "InvalidSampleEvent", ErrorCategory.InvalidArgument, target)
                    { ErrorDetails = new ErrorDetails(sample.Message) { RecommendedAction = "Tab after -Name or -SampleEvent lists the sample events; Get-Help New-LocalEvent -Parameter Values says how flags are set." } };
            case BackendOutdatedException outdated:
                return new ErrorRecord(outdated, "BackendOutdated", ErrorCategory.NotImplemented, target)
                    { ErrorDetails = new ErrorDetails(outdated.Message) { RecommendedAction = "Stop-LocalBackend, then run the command again (it starts the module's own backend)." } };
            case PayloadConversionException payload:
                return new ErrorRecord(payload, "PayloadConversionFailed", ErrorCategory.InvalidData, target);
            default:
                return null;
        }
    }

    private static ErrorCategory CategoryOf(LambdaServiceErrorException e) => e.ErrorType switch
    {
        "ResourceNotFoundException" => ErrorCategory.ObjectNotFound,
        "InvalidRequestContentException" => ErrorCategory.InvalidData,
        "InvalidParameterValueException" => ErrorCategory.InvalidArgument,
        "RequestTooLargeException" => ErrorCategory.LimitsExceeded,
        "TooManyRequestsException" => ErrorCategory.ResourceBusy,
        "InvalidRuntimeException" => ErrorCategory.NotInstalled,
        _ => e.StatusCode is >= 400 and < 500 ? ErrorCategory.InvalidOperation : ErrorCategory.NotSpecified,
    };

    private static string? RecommendationFor(LambdaServiceErrorException e) => e.ErrorType switch
    {
        "ResourceNotFoundException" => "Get-LocalFunction lists the template's functions.",
        "InvalidRequestContentException" => "Pass the payload as JSON text, a hashtable or an object (it is converted to JSON), or -PayloadPath with a JSON file.",
        "TooManyRequestsException" => "Wait for running invokes to finish, or raise the function's ReservedConcurrentExecutions.",
        _ => null,
    };
}
