using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using DevTools.Engine;
using DevTools.Engine.Invocation;

namespace DevTools.Server.InvokeApi;

/// <summary>
/// Routes the Invoke API's operations: <c>Invoke</c>, <c>ListFunctions</c> and <c>GetFunction</c>.
/// Errors go out as AWS sends them: <c>x-amzn-ErrorType</c> and a JSON body with <c>Type</c> and <c>Message</c>.
/// </summary>
internal sealed class InvokeApiHandler(LambdaEngine engine)
{
    private const string FunctionsPrefix = "/2015-03-31/functions";

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            var path = context.Request.Path.Value ?? "";
            if (!path.StartsWith(FunctionsPrefix, StringComparison.Ordinal))
            {
                await ServiceErrors.WriteAsync(context, new LambdaServiceException("UnknownOperationException", 404, "Unknown operation " + path)).ConfigureAwait(false);
                return;
            }
            var rest = path[FunctionsPrefix.Length..].Trim('/');
            var segments = rest.Length == 0 ? [] : rest.Split('/');
            switch (context.Request.Method, segments)
            {
                case ("GET", []):
                    await FunctionDescriptions.WriteListAsync(context, engine).ConfigureAwait(false);
                    return;
                case ("GET", [var name]):
                    await FunctionDescriptions.WriteOneAsync(context, engine, Uri.UnescapeDataString(name)).ConfigureAwait(false);
                    return;
                case ("POST", [var name, "invocations"]):
                    await InvokeAsync(context, Uri.UnescapeDataString(name)).ConfigureAwait(false);
                    return;
                default:
                    await ServiceErrors.WriteAsync(context, new LambdaServiceException("UnknownOperationException", 404, $"Unknown operation {context.Request.Method} {path}")).ConfigureAwait(false);
                    return;
            }
        }
        catch (LambdaServiceException e)
        {
            await ServiceErrors.WriteAsync(context, e).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await ServiceErrors.WriteAsync(context, LambdaServiceException.TooLarge(LambdaLimits.MaxSyncRequestBytes)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; the invoke itself runs to completion in the engine.
        }
    }

    private async Task InvokeAsync(HttpContext context, string name)
    {
        var headers = context.Request.Headers;
        if (!InvocationTypes.TryParse(headers["X-Amz-Invocation-Type"].FirstOrDefault(), out var type))
            throw LambdaServiceException.InvalidParameter($"1 validation error detected: Value '{headers["X-Amz-Invocation-Type"]}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
        var logType = headers["X-Amz-Log-Type"].FirstOrDefault();
        if (logType is not (null or "" or "None" or "Tail"))
            throw LambdaServiceException.InvalidParameter($"1 validation error detected: Value '{logType}' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [Tail, None]");

        var payload = await ReadBodyAsync(context.Request, type).ConfigureAwait(false);
        var qualifier = context.Request.Query["Qualifier"].FirstOrDefault();
        var result = await engine.InvokeAsync(new InvokeRequest
        {
            FunctionName = name,
            Qualifier = string.IsNullOrEmpty(qualifier) ? null : qualifier,
            Payload = payload,
            InvocationType = type,
            LogTail = logType == "Tail" && type == InvocationType.RequestResponse,
            ClientContextBase64 = headers["X-Amz-Client-Context"].FirstOrDefault(),
        }, context.RequestAborted).ConfigureAwait(false);

        var response = context.Response;
        response.StatusCode = result.StatusCode;
        response.Headers["X-Amz-Executed-Version"] = result.ExecutedVersion;
        response.Headers["x-amzn-RequestId"] = result.RequestId;
        if (result.FunctionError is not null) response.Headers["X-Amz-Function-Error"] = result.FunctionError;
        if (result.LogTail is not null) response.Headers["X-Amz-Log-Result"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(result.LogTail));
        if (result.StatusCode == 200)
        {
            response.ContentType = result.ContentType;
            response.ContentLength = result.Payload.Length;
            await response.Body.WriteAsync(result.Payload, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the payload, stopping one byte past the limit so the engine can refuse it with Lambda's error.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, InvocationType type)
    {
        var limit = (type == InvocationType.Event ? LambdaLimits.MaxAsyncRequestBytes : LambdaLimits.MaxSyncRequestBytes) + 1;
        if (request.ContentLength > limit) throw LambdaServiceException.TooLarge(limit - 1);
        // Content-Length: 0 is a valid empty payload; ArrayBufferWriter needs a capacity of at least 1.
        var buffer = new ArrayBufferWriter<byte>((int)Math.Clamp(request.ContentLength ?? 4096, 1, limit));
        while (buffer.WrittenCount < limit)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(4096)).ConfigureAwait(false);
            if (read == 0) break;
            buffer.Advance(read);
        }
        return buffer.WrittenMemory;
    }
}
