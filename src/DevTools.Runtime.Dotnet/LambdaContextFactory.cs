using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace DevTools.Runtime.Dotnet;

/// <summary>
/// Makes the context object for each invoke: an implementation, generated at run time, of the function's own
/// <c>Amazon.Lambda.Core.ILambdaContext</c>, whatever version it ships. Members this runtime does not know answer their
/// type's default; the logger, identity and client context are the function's own interfaces too.
/// </summary>
internal sealed class LambdaContextFactory(Type contextType, object? serializer)
{
    private static readonly string? FunctionName = Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME");
    private static readonly string? FunctionVersion = Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_VERSION");
    private static readonly string? LogGroupName = Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_GROUP_NAME");
    private static readonly string? LogStreamName = Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_STREAM_NAME");
    private static readonly int MemoryLimitInMB =
        int.TryParse(Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), CultureInfo.InvariantCulture, out var mb) ? mb : 0;

    private readonly Dictionary<Type, object> _loggers = [];

    /// <summary>The parameter type is the function's ILambdaContext (or an interface built on it).</summary>
    public static bool IsContext(Type type) =>
        type.IsInterface && (type.FullName == "Amazon.Lambda.Core.ILambdaContext" || type.GetInterfaces().Any(i => i.FullName == "Amazon.Lambda.Core.ILambdaContext"));

    public object Create(InvocationData invocation) => InterfaceProxy.Create(contextType, (method, _) =>
        InterfaceProxy.Fit(method.Name switch
        {
            "get_AwsRequestId" => invocation.RequestId,
            "get_FunctionName" => FunctionName,
            "get_FunctionVersion" => FunctionVersion,
            "get_InvokedFunctionArn" => invocation.InvokedFunctionArn,
            "get_MemoryLimitInMB" => MemoryLimitInMB,
            "get_RemainingTime" => TimeSpan.FromMilliseconds(invocation.DeadlineMs - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()),
            "get_LogGroupName" => LogGroupName,
            "get_LogStreamName" => LogStreamName,
            "get_Logger" => Logger(method.ReturnType),
            "get_Identity" => Identity(method.ReturnType, invocation.CognitoIdentityJson),
            "get_ClientContext" => ClientContext(method.ReturnType, invocation.ClientContextJson),
            "get_TraceId" => invocation.TraceId,
            "get_TenantId" => invocation.TenantId,
            "get_Serializer" => serializer,
            _ => null,
        }, method.ReturnType));

    private object? Logger(Type loggerType)
    {
        if (!loggerType.IsInterface) return null;
        lock (_loggers)
        {
            if (!_loggers.TryGetValue(loggerType, out var logger)) _loggers[loggerType] = logger = InterfaceProxy.Create(loggerType, Log);
            return logger;
        }
    }

    /// <summary>
    /// Every <c>ILambdaLogger</c> method: <c>Log</c>/<c>LogLine(message)</c>, <c>Log(level, [exception,] message[, args])</c>
    /// and <c>Log&lt;Level&gt;([exception,] message[, args])</c>.
    /// </summary>
    private static object? Log(MethodInfo method, object?[] args)
    {
        var parameters = method.GetParameters();
        var next = 0;
        var level = LambdaLog.Information;
        if (method.Name is "Log" or "LogLine")
        {
            if (parameters.Length > 1) level = args[next++]?.ToString();
        }
        else if (method.Name.StartsWith("Log", StringComparison.Ordinal)) level = method.Name[3..];
        else return InterfaceProxy.DefaultOf(method.ReturnType);
        var exception = next < parameters.Length && typeof(Exception).IsAssignableFrom(parameters[next].ParameterType) ? args[next++] as Exception : null;
        var message = next < args.Length ? args[next++]?.ToString() : null;
        var arguments = next < args.Length ? args[next] as object?[] : null;
        LambdaLog.Write(level, LambdaLog.Format(message, arguments), exception);
        return InterfaceProxy.DefaultOf(method.ReturnType);
    }

    /// <summary><c>ICognitoIdentity</c> from the <c>Lambda-Runtime-Cognito-Identity</c> header, when the caller had one.</summary>
    private static object? Identity(Type identityType, string? json)
    {
        if (json is null || !identityType.IsInterface || Parse(json) is not { } identity) return null;
        return InterfaceProxy.Create(identityType, name => name switch
        {
            "IdentityId" => Text(identity, "cognitoIdentityId"),
            "IdentityPoolId" => Text(identity, "cognitoIdentityPoolId"),
            _ => null,
        });
    }

    /// <summary><c>IClientContext</c> from the <c>Lambda-Runtime-Client-Context</c> header (the mobile SDKs' JSON).</summary>
    private static object? ClientContext(Type clientContextType, string? json)
    {
        if (json is null || !clientContextType.IsInterface || Parse(json) is not { } context) return null;
        var client = context.TryGetProperty("client", out var c) && c.ValueKind == JsonValueKind.Object ? c : (JsonElement?)null;
        return InterfaceProxy.Create(clientContextType, (method, _) => InterfaceProxy.Fit(method.Name switch
        {
            "get_Environment" => Map(context, "env"),
            "get_Custom" => Map(context, "custom"),
            "get_Client" when client is { } app && method.ReturnType.IsInterface => InterfaceProxy.Create(method.ReturnType, name => name switch
            {
                "InstallationId" => Text(app, "installation_id"),
                "AppTitle" => Text(app, "app_title"),
                "AppVersionName" => Text(app, "app_version_name"),
                "AppVersionCode" => Text(app, "app_version_code"),
                "AppPackageName" => Text(app, "app_package_name"),
                _ => null,
            }),
            _ => null,
        }, method.ReturnType));
    }

    private static JsonElement? Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException) { return null; }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Dictionary<string, string>? Map(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())
            : null;
}
