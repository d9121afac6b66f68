namespace DevTools.Protocol;

/// <summary>
/// The JSON-RPC method and notification names of the backend, namespaced under <c>lambda/</c> so they
/// share one connection with the Language Server Protocol's own methods.
/// </summary>
public static class ProtocolMethods
{
    /// <summary>Request: version, isolation levels, limits and capabilities. Result: <see cref="DevTools.Protocol.EngineInfo"/>.</summary>
    public const string EngineInfo = "lambda/engine/info";

    /// <summary>Request: the template's functions and diagnostics. Result: <see cref="FunctionListResult"/>.</summary>
    public const string FunctionsList = "lambda/functions/list";

    /// <summary>Request: reads the template again. Result: <see cref="FunctionListResult"/>.</summary>
    public const string FunctionsReload = "lambda/functions/reload";

    /// <summary>Request: invokes a function. Params: <see cref="InvokeParams"/>; result: <see cref="InvokeResponse"/>.</summary>
    public const string Invoke = "lambda/invoke";

    /// <summary>Request: installs the functions' declared dependencies and the runtime-provided SDKs they need. Params: <see cref="BuildParams"/>; result: <see cref="BuildResult"/>.</summary>
    public const string Build = "lambda/build";

    /// <summary>Request: the template's API routes and function URLs, with their URLs when served. Result: <see cref="ApiRoutesResult"/>.</summary>
    public const string ApiRoutes = "lambda/api/routes";

    /// <summary>Request: the live environments. Params: <see cref="EnvironmentListParams"/>; result: <see cref="EnvironmentListResult"/>.</summary>
    public const string EnvironmentsList = "lambda/environments/list";

    /// <summary>Request: stops environments. Params: <see cref="EnvironmentStopParams"/>; result: <see cref="EnvironmentStopResult"/>.</summary>
    public const string EnvironmentsStop = "lambda/environments/stop";

    /// <summary>Request: start receiving <see cref="Event"/> notifications. Params: <see cref="SubscribeParams"/>.</summary>
    public const string EventsSubscribe = "lambda/events/subscribe";

    /// <summary>Request: stop receiving <see cref="Event"/> notifications.</summary>
    public const string EventsUnsubscribe = "lambda/events/unsubscribe";

    /// <summary>Request: the sample events (S3 put, SQS message...) with their flags. Result: <see cref="SampleEventListResult"/>.</summary>
    public const string EventsSamples = "lambda/events/samples";

    /// <summary>Request: one sample event, with flag values. Params: <see cref="SampleEventGenerateParams"/>; result: <see cref="SampleEventGenerateResult"/>.</summary>
    public const string EventsGenerate = "lambda/events/generate";

    /// <summary>Request: stops the backend (every client is disconnected, every environment retired).</summary>
    public const string Shutdown = "lambda/shutdown";

    /// <summary>Notification (server to client): one lifecycle event. Params: <see cref="LifecycleEventNotification"/>.</summary>
    public const string Event = "lambda/event";
}
