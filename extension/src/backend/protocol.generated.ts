// Generated from the C# contract (src/DevTools.Protocol) by src/DevTools.Protocol.TypeScript: do not edit.
// Regenerate with `dotnet run --project src/DevTools.Protocol.TypeScript`; tests/DevTools.Protocol.Tests fails while it is stale.

export const BuildStatuses = {
  built: 'built',
  reused: 'reused',
  skipped: 'skipped',
  failed: 'failed',
} as const;

/** One of {@link BuildStatuses}. */
export type BuildStatus = 'built' | 'reused' | 'skipped' | 'failed';

export const EnvironmentStates = {
  initializing: 'initializing',
  busy: 'busy',
  frozen: 'frozen',
  idle: 'idle',
} as const;

/** One of {@link EnvironmentStates}. */
export type EnvironmentState = 'initializing' | 'busy' | 'frozen' | 'idle';

export const InvocationTypes = {
  requestResponse: 'RequestResponse',
  event: 'Event',
  dryRun: 'DryRun',
} as const;

/** One of {@link InvocationTypes}. */
export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

/** The commands `workspace/executeCommand` runs (and CodeLenses carry). */
export const LspCommands = {
  /** Arguments: one {@link InvokeParams}. Result: {@link InvokeResponse}. */
  invoke: 'lambda.invoke',
  /** Arguments: one {@link EnvironmentListParams}. Result: {@link EnvironmentListResult}. */
  listEnvironments: 'lambda.environments.list',
} as const;

export const ProtocolConstants = {
  protocolVersion: '1.0',
} as const;

/** JSON-RPC error codes the backend answers with. */
export const ProtocolErrorCodes = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  /** LSP's code for a request the client cancelled. */
  requestCancelled: -32800,
  /** The Lambda service refused the request; `data` is a {@link LambdaErrorData}. */
  lambdaServiceError: -32001,
  /** The backend is shutting down and takes no new work. */
  shuttingDown: -32002,
} as const;

/**
 * The JSON-RPC method and notification names of the backend, namespaced under `lambda/` so they share one connection
 * with the Language Server Protocol's own methods.
 */
export const ProtocolMethods = {
  /** Request: version, isolation levels, limits and capabilities. Result: {@link EngineInfo}. */
  engineInfo: 'lambda/engine/info',
  /** Request: the template's functions and diagnostics. Result: {@link FunctionListResult}. */
  functionsList: 'lambda/functions/list',
  /** Request: reads the template again. Result: {@link FunctionListResult}. */
  functionsReload: 'lambda/functions/reload',
  /** Request: invokes a function. Params: {@link InvokeParams}; result: {@link InvokeResponse}. */
  invoke: 'lambda/invoke',
  /**
   * Request: installs the functions' declared dependencies and the runtime-provided SDKs they need. Params:
   * {@link BuildParams}; result: {@link BuildResult}.
   */
  build: 'lambda/build',
  /**
   * Request: the template's API routes and function URLs, with their URLs when served. Result: {@link ApiRoutesResult}.
   */
  apiRoutes: 'lambda/api/routes',
  /** Request: the live environments. Params: {@link EnvironmentListParams}; result: {@link EnvironmentListResult}. */
  environmentsList: 'lambda/environments/list',
  /** Request: stops environments. Params: {@link EnvironmentStopParams}; result: {@link EnvironmentStopResult}. */
  environmentsStop: 'lambda/environments/stop',
  /** Request: start receiving {@link ProtocolMethods.event} notifications. Params: {@link SubscribeParams}. */
  eventsSubscribe: 'lambda/events/subscribe',
  /** Request: stop receiving {@link ProtocolMethods.event} notifications. */
  eventsUnsubscribe: 'lambda/events/unsubscribe',
  /** Request: the sample events (S3 put, SQS message...) with their flags. Result: {@link SampleEventListResult}. */
  eventsSamples: 'lambda/events/samples',
  /**
   * Request: one sample event, with flag values. Params: {@link SampleEventGenerateParams}; result:
   * {@link SampleEventGenerateResult}.
   */
  eventsGenerate: 'lambda/events/generate',
  /** Request: stops the backend (every client is disconnected, every environment retired). */
  shutdown: 'lambda/shutdown',
  /** Notification (server to client): one lifecycle event. Params: {@link LifecycleEventNotification}. */
  event: 'lambda/event',
} as const;

/** One route of an API, or a function's URL. */
export interface ApiRouteDescription {
  /** An HTTP verb or `ANY`. */
  method: string;
  /** The resource path (`/users/{id}`), or `/*` for a `$default` route or a function URL. */
  path: string;
  /** Where to call it (a path template's variables left in); null when the backend does not serve the API. */
  url?: string;
  /** The logical id of the function it invokes. */
  functionId: string;
  /** The API's logical id (`ServerlessRestApi` for SAM's implicit one), or `FnUrl` for a function URL. */
  api: string;
  /** `REST`, `HTTP` or `URL`. */
  kind: string;
  payloadFormatVersion: string;
  /** API Gateway's route key: `GET /users/{id}` or `$default`. */
  routeKey: string;
}

/** The result of `lambda/api/routes`: the template's HTTP routes and function URLs. */
export interface ApiRoutesResult {
  /** True when this backend serves them (`serve --api-port`); then every route has its URL. */
  serving: boolean;
  routes: ApiRouteDescription[];
}

/**
 * The params of `lambda/build`: installs the declared dependencies of the template's functions into a build folder per
 * function (what `sam build` does for them), and the AWS SDK Lambda's runtimes carry into the per-machine cache.
 * Progress arrives as `build.*` lifecycle events on `lambda/event` while it runs.
 */
export interface BuildParams {
  /** Only these functions (logical ids or names); every function of the template when null or empty. */
  functions?: string[];
  /** Install again even when the manifest and lock file have not changed since the last build. */
  force?: boolean;
}

export interface BuildResult {
  /** One entry per function considered, in template order. */
  functions: FunctionBuildResult[];
  /** The runtime-provided SDKs the built functions need (the AWS SDK for JavaScript v3, boto3). */
  runtimeSdks: RuntimeSdkStatus[];
  /** True when nothing failed. */
  succeeded: boolean;
}

/** The result of `lambda/engine/info`: what this backend is and what it can do. */
export interface EngineInfo {
  /** The backend's version (one version for the engine, the CLI and the clients). */
  version: string;
  /** The protocol's version; a client refuses a backend with another major version. */
  protocolVersion: string;
  processId: number;
  /** The workspace folder the backend serves. */
  workspace: string;
  templatePath: string;
  /** The isolation level environments run under here (`process-group`, `none`, ...). */
  isolationLevel: string;
  /** Every isolation level this engine knows, best first. */
  isolationLevels: string[];
  /** Whether idle environments are frozen (`environment.frozen` records follow invokes); false with `--no-freeze`. */
  freezesEnvironments: boolean;
  /** The Invoke HTTP API's base address when the backend serves it (`--invoke-port`). */
  invokeApiAddress?: string;
  limits: EngineLimits;
  /** Feature names clients may test for (`invoke.cancel`, `events.filter`, `lsp`, ...). */
  capabilities: string[];
  /** Clients connected right now, this one included. */
  clients: number;
}

/** The Lambda limits and pool settings the engine applies. */
export interface EngineLimits {
  minMemoryMb: number;
  maxMemoryMb: number;
  minTimeoutSeconds: number;
  maxTimeoutSeconds: number;
  minEphemeralStorageMb: number;
  maxEphemeralStorageMb: number;
  maxSyncPayloadBytes: number;
  maxAsyncPayloadBytes: number;
  logTailBytes: number;
  concurrencyLimit: number;
  keepWarmSeconds: number;
  idleShutdownSeconds: number;
}

/** One execution environment right now. */
export interface EnvironmentDescription {
  id: string;
  functionName: string;
  logicalId: string;
  /** `initializing`, `busy`, `frozen` or `idle`; see {@link EnvironmentStates}. */
  state: EnvironmentState;
  createdAt: string;
  lastUsedAt: string;
  invocations: number;
  maxMemoryUsedMb: number;
  tmpUsedBytes: number;
  /** The runtime process; null between a reset and the next invoke. */
  pid?: number;
  isolation: string;
  /**
   * What the environment's /tmp is: `private-disk` (its own ext4 disk), `private-mount` (a tmpfs, counted as memory) or
   * `directory` (a TMPDIR, not capped).
   */
  tmpMode: string;
  /** The extensions registered in it (layers' `extensions/` executables, and internal ones of the runtime). */
  extensions: string[];
}

/** The params of `lambda/environments/list`. */
export interface EnvironmentListParams {
  /** Only this function's environments (logical id or function name); all when null. */
  functionName?: string;
}

export interface EnvironmentListResult {
  environments: EnvironmentDescription[];
}

/** The params of `lambda/environments/stop`: one environment, one function's, or (both null) all. */
export interface EnvironmentStopParams {
  functionName?: string;
  /** An environment id or a prefix of one (as the text rendering shortens them). */
  environmentId?: string;
}

export interface EnvironmentStopResult {
  /** How many environments were stopped (busy ones stop when their invoke ends). */
  stopped: number;
}

/** What a build did for one function. */
export interface FunctionBuildResult {
  logicalId: string;
  functionName: string;
  /** `built`, `reused` (manifest unchanged), `skipped` (nothing to install) or `failed`; see {@link BuildStatuses}. */
  status: BuildStatus;
  /** The manifest the dependencies come from (`package.json`, `requirements.txt`), when there is one. */
  manifest?: string;
  /** The command that installed them (`npm ci --omit=dev`, `pip install -r requirements.txt -t ...`). */
  command?: string;
  /** Where the installed dependencies are; the function runs with them from now on. */
  directory?: string;
  durationMs: number;
  /** Why it was skipped or failed (a failed build leaves the previous one in use). */
  message?: string;
}

/** One function's configuration, as the engine runs it. */
export interface FunctionDescription {
  logicalId: string;
  functionName: string;
  functionArn: string;
  runtime: string;
  handler: string;
  codeDirectory: string;
  memorySizeMb: number;
  timeoutSeconds: number;
  ephemeralStorageMb: number;
  architecture: string;
  reservedConcurrentExecutions?: number;
  environment: Record<string, string>;
  /** The function's layers in order (a later one's files win in `/opt`). */
  layers: LayerDescription[];
  /** Where the resource is declared (1-based line and column). */
  line: number;
  column: number;
  /** False when the runtime cannot run here or the template has errors for this function. */
  runnable: boolean;
}

/** The result of `lambda/functions/list` and `lambda/functions/reload`. */
export interface FunctionListResult {
  templatePath: string;
  functions: FunctionDescription[];
  /** What template validation found, top to bottom. */
  diagnostics: TemplateDiagnosticInfo[];
}

/** The figures of one invoke, as the REPORT line prints them. */
export interface InvokeMetricsInfo {
  durationMs: number;
  billedDurationMs: number;
  initDurationMs?: number;
  maxMemoryUsedMb: number;
  memorySizeMb: number;
}

/** The params of `lambda/invoke`: the Invoke API's parameters. */
export interface InvokeParams {
  /** A logical id, function name, full or partial ARN, optionally with `:qualifier`. */
  functionName: string;
  /** The event as JSON text; empty or null means `{}`. */
  payload?: string;
  /** `RequestResponse` (default), `Event` or `DryRun`; see {@link InvocationTypes}. */
  invocationType?: InvocationType;
  /** The client context as JSON text (the backend base64-encodes it as `X-Amz-Client-Context` would carry it). */
  clientContext?: string;
  /** Return the last 4 KB of the invoke's log in {@link InvokeResponse.logTail}. */
  logTail?: boolean;
  qualifier?: string;
}

/** The result of `lambda/invoke`. */
export interface InvokeResponse {
  requestId: string;
  functionName: string;
  /** 200 (RequestResponse), 202 (Event) or 204 (DryRun), as the Invoke API answers. */
  statusCode: number;
  /** The function's response (or error object) as text; null for Event and DryRun. */
  payload?: string;
  /** `Unhandled` when the function failed; null on success. */
  functionError?: string;
  /** The error type when the function failed, e.g. `Runtime.ExitError`. */
  errorType?: string;
  /** The last 4 KB of the invoke's log, when asked for. */
  logTail?: string;
  executedVersion: string;
  environmentId?: string;
  coldStart: boolean;
  /** The REPORT line's figures; null for Event and DryRun. */
  metrics?: InvokeMetricsInfo;
}

/** The `data` of a {@link ProtocolErrorCodes.lambdaServiceError}: what the Lambda Invoke API would answer. */
export interface LambdaErrorData {
  /** Lambda's error type, e.g. `ResourceNotFoundException`. */
  errorType: string;
  /** The HTTP status the Invoke API answers with, e.g. 404. */
  statusCode: number;
  /** Extra detail some errors carry (the throttling reason). */
  reason?: string;
}

/** A layer of a function: the template's logical id or the ARN it was mapped from, and its local folder. */
export interface LayerDescription {
  name: string;
  directory: string;
}

/**
 * The params of the `lambda/event` notification: one lifecycle event in the engine's one model — the Telemetry API
 * envelope (`time`, `type`, `record`), the function and environment, and the line Lambda's log would show for it.
 */
export interface LifecycleEventNotification {
  /** ISO 8601 UTC with milliseconds, as the Telemetry API writes it. */
  time: string;
  /** `platform.start`, `platform.report`, `function`, `environment.frozen`, ... */
  type: string;
  functionName: string;
  environmentId?: string;
  /** The invoke the event belongs to, when it belongs to one. */
  requestId?: string;
  /**
   * The line as CloudWatch would show it (START / END / REPORT / log line / ENVIRONMENT ...); null when Lambda prints
   * none.
   */
  text?: string;
  /** The Telemetry-API-shaped `record` object. */
  record: Record<string, unknown>;
}

/** A runtime-provided SDK in the per-machine cache. */
export interface RuntimeSdkStatus {
  /** `nodejs` (the AWS SDK for JavaScript v3) or `python` (boto3). */
  runtime: string;
  /** `ready` (everything needed is there), `installed` (fetched now) or `failed`. */
  status: string;
  /** e.g. `3.1178.0` for the JavaScript SDK's clients, `1.43.11` for boto3. */
  version?: string;
  /** The folder functions resolve it from. */
  directory?: string;
  /** The packages the functions need, or what is missing when it failed. */
  packages: string[];
  message?: string;
}

/** One sample event: the event a service sends a function (an S3 put, an SQS batch...). */
export interface SampleEventDescription {
  /** What `lambda/events/generate` takes: `s3-put`. */
  id: string;
  /** As `generate-event` names it: `s3`. */
  service: string;
  /** The event's name within its service: `put`. */
  name: string;
  /** What a picker shows: `S3 put`. */
  title: string;
  description: string;
  flags: SampleEventFlagDescription[];
}

/** A field of a sample event the caller may set in {@link SampleEventGenerateParams.values}. */
export interface SampleEventFlagDescription {
  /** As the CLI spells it: `queue-name` (`queueName` is accepted too). */
  name: string;
  description: string;
  /** The value when none is given (the region and account are the backend's). */
  default: string;
  /** The values it takes, when it takes only some (the HTTP method). */
  choices?: string[];
}

/** The params of `lambda/events/generate`. */
export interface SampleEventGenerateParams {
  /** The sample's id, e.g. `s3-put`. */
  id: string;
  /** Flag values by flag name, e.g. `{"bucket": "photos"}`; the others take their defaults. */
  values?: Record<string, string>;
}

/** The result of `lambda/events/generate`. */
export interface SampleEventGenerateResult {
  id: string;
  /** The event as JSON text: what {@link InvokeParams.payload} takes. */
  event: string;
}

/** The result of `lambda/events/samples`: every sample event the backend generates. */
export interface SampleEventListResult {
  /** By service, then as `sam local generate-event` lists each service's events. */
  samples: SampleEventDescription[];
}

/** The params of `lambda/events/subscribe`. Subscribing again replaces the filter. */
export interface SubscribeParams {
  /** Only this function's events (logical id or function name); every function's when null. */
  functionName?: string;
}

/** One template validation finding (1-based line and column, as compilers print them). */
export interface TemplateDiagnosticInfo {
  /** `error`, `warning` or `information`. */
  severity: string;
  code: string;
  message: string;
  file: string;
  line: number;
  column: number;
  functionId?: string;
}
