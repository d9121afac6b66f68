// The backend's JSON-RPC contract as the extension uses it (docs/protocol.md; C# types in src/DevTools.Protocol).

export const Methods = {
  engineInfo: 'lambda/engine/info',
  functionsList: 'lambda/functions/list',
  functionsReload: 'lambda/functions/reload',
  invoke: 'lambda/invoke',
  build: 'lambda/build',
  environmentsList: 'lambda/environments/list',
  environmentsStop: 'lambda/environments/stop',
  eventsSubscribe: 'lambda/events/subscribe',
  shutdown: 'lambda/shutdown',
  /** Notification, server to client. */
  event: 'lambda/event',
} as const;

/** The commands the language server puts on its CodeLenses (`workspace/executeCommand` names). */
export const ServerCommands = {
  invoke: 'lambda.invoke',
  listEnvironments: 'lambda.environments.list',
} as const;

/** JSON-RPC error codes the backend answers with. */
export const ErrorCodes = {
  lambdaServiceError: -32001,
  shuttingDown: -32002,
  requestCancelled: -32800,
} as const;

export interface EngineInfo {
  version: string;
  protocolVersion: string;
  processId: number;
  workspace: string;
  templatePath: string;
  isolationLevel: string;
  invokeApiAddress?: string;
  limits: { concurrencyLimit: number; keepWarmSeconds: number; [name: string]: number };
  capabilities: string[];
  clients: number;
}

export interface FunctionDescription {
  logicalId: string;
  functionName: string;
  runtime: string;
  handler: string;
  codeDirectory: string;
  memorySizeMb: number;
  timeoutSeconds: number;
  ephemeralStorageMb: number;
  architecture: string;
  line: number;
  column: number;
  runnable: boolean;
}

export interface TemplateDiagnosticInfo {
  severity: string;
  code: string;
  message: string;
  file: string;
  line: number;
  column: number;
  functionId?: string;
}

export interface FunctionListResult {
  templatePath: string;
  functions: FunctionDescription[];
  diagnostics: TemplateDiagnosticInfo[];
}

export interface InvokeParams {
  functionName: string;
  payload?: string;
  invocationType?: 'RequestResponse' | 'Event' | 'DryRun';
  clientContext?: string;
  logTail?: boolean;
}

export interface InvokeMetrics {
  durationMs: number;
  billedDurationMs: number;
  initDurationMs?: number;
  maxMemoryUsedMb: number;
  memorySizeMb: number;
}

export interface InvokeResponse {
  requestId: string;
  functionName: string;
  statusCode: number;
  payload?: string;
  functionError?: string;
  errorType?: string;
  logTail?: string;
  executedVersion: string;
  environmentId?: string;
  coldStart: boolean;
  metrics?: InvokeMetrics;
}

export interface BuildParams {
  /** Logical ids or names; every function of the template when absent. */
  functions?: string[];
  /** Install again even when the manifest and lock file have not changed since the last build. */
  force?: boolean;
}

export type FunctionBuildStatus = 'built' | 'reused' | 'skipped' | 'failed';

/** What a build did for one function. */
export interface FunctionBuildResult {
  logicalId: string;
  functionName: string;
  status: FunctionBuildStatus;
  /** `package.json`, `requirements.txt`, when the function declares dependencies. */
  manifest?: string;
  /** The install command, e.g. `npm ci --omit=dev`. */
  command?: string;
  /** Where the installed dependencies are. */
  directory?: string;
  durationMs: number;
  /** Why it was skipped or failed (a failed build leaves the previous one in use). */
  message?: string;
}

/** A runtime-provided SDK in the per-machine cache: `nodejs` (the AWS SDK for JavaScript v3) or `python` (boto3). */
export interface RuntimeSdkStatus {
  runtime: 'nodejs' | 'python';
  status: 'ready' | 'installed' | 'failed';
  version?: string;
  directory?: string;
  /** The packages the functions need, or what is missing when it failed. */
  packages: string[];
  message?: string;
}

export interface BuildResult {
  /** One entry per function considered, in template order. */
  functions: FunctionBuildResult[];
  runtimeSdks: RuntimeSdkStatus[];
  /** True when nothing failed. */
  succeeded: boolean;
}

export type EnvironmentState = 'initializing' | 'busy' | 'frozen' | 'idle';

/** What an environment's /tmp is: its own ext4 disk of EphemeralStorage's size, a tmpfs capped at that size (its
 *  pages count as the function's memory), or a private TMPDIR (size not enforced). */
export type TmpMode = 'private-disk' | 'private-mount' | 'directory';

export interface EnvironmentDescription {
  id: string;
  functionName: string;
  logicalId: string;
  state: EnvironmentState;
  createdAt: string;
  lastUsedAt: string;
  invocations: number;
  maxMemoryUsedMb: number;
  tmpUsedBytes: number;
  pid?: number;
  isolation: string;
  tmpMode: TmpMode;
}

export interface EnvironmentListResult {
  environments: EnvironmentDescription[];
}

export interface EnvironmentStopParams {
  functionName?: string;
  environmentId?: string;
}

/** One `lambda/event` notification: the engine's one event model, with the line Lambda would print. */
export interface LifecycleEvent {
  time: string;
  type: string;
  functionName: string;
  environmentId?: string;
  requestId?: string;
  /** The line as Lambda's log shows it; absent for events Lambda prints nothing for. */
  text?: string;
  record: Record<string, unknown>;
}

/** The `data` of a `-32001` LambdaServiceError. */
export interface LambdaServiceErrorData {
  errorType?: string;
  statusCode?: number;
  reason?: string;
}
