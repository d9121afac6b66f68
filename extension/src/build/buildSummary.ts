import type { BuildResult, FunctionBuildResult, LifecycleEventNotification, RuntimeSdkStatus } from '../backend/protocol.generated';

/** How a finished build is reported: one notification. */
export interface BuildSummary {
  severity: 'info' | 'error';
  message: string;
}

const sdkNames: Record<string, string> = {
  nodejs: 'AWS SDK for JavaScript',
  python: 'AWS SDK for Python (boto3)',
};

const stepNames: Record<string, string> = {
  dependencies: 'dependencies',
  'runtime-sdk': 'AWS SDK',
};

/** Progress lines longer than this are cut: the notification shows one line. */
const maxDetailLength = 100;

/** The progress message before the first build event: "Building all functions…", "Rebuilding NodeDepsFunction…". */
export function buildStartMessage(functions: string[] | undefined, force: boolean): string {
  const what = !functions || functions.length === 0 ? 'all functions' : functions.length === 1 ? functions[0] : `${functions.length} functions`;
  return `${force ? 'Rebuilding' : 'Building'} ${what}…`;
}

/**
 * "Built 2 functions, 1 reused; AWS SDK for JavaScript 3.1178.0 ready", or an error naming what failed and why,
 * followed by what did not fail.
 */
export function summarizeBuild(result: BuildResult): BuildSummary {
  const failedFunctions = result.functions.filter(f => f.status === 'failed');
  const failedSdks = result.runtimeSdks.filter(s => s.status === 'failed');
  const outcome = [functionCounts(result.functions), ...result.runtimeSdks.filter(s => s.status !== 'failed').map(sdkOutcome)].join('; ');
  if (result.succeeded && failedFunctions.length === 0 && failedSdks.length === 0) return { severity: 'info', message: outcome };
  const failures = [...failedFunctions.map(functionFailure), ...failedSdks.map(sdkFailure)];
  const head = failures.length > 0 ? `Build failed: ${failures.join('; ')}.` : 'The build did not succeed.';
  return { severity: 'error', message: `${head} ${outcome}` };
}

/**
 * The progress notification's message for a `build.*` event: the function, the step, and what it is doing now
 * ("NodeDepsFunction dependencies — added 1 package in 1s").
 */
export function buildProgressMessage(event: LifecycleEventNotification): string | undefined {
  const record = event.record;
  const step = stepNames[text(record.step) ?? ''] ?? text(record.step) ?? 'build';
  const subject = `${event.functionName} ${step}`;
  switch (event.type) {
    case 'build.started':
      return `${subject} — ${cut(text(record.command) ?? text(record.tool) ?? 'started')}`;
    case 'build.output':
      return `${subject} — ${cut(text(record.line) ?? '')}`;
    case 'build.finished': {
      const status = text(record.status) ?? 'finished';
      const error = text(record.error);
      if (error) return `${subject} ${status}: ${cut(error)}`;
      const version = text(record.version);
      const durationMs = typeof record.durationMs === 'number' && record.durationMs > 0 ? record.durationMs : undefined;
      return `${subject} ${status}${durationMs ? ` in ${formatDuration(durationMs)}` : ''}${version ? ` (${version})` : ''}`;
    }
    default:
      return undefined;
  }
}

export function runtimeSdkName(runtime: string): string {
  return sdkNames[runtime] ?? `the ${runtime} SDK`;
}

/** "Built 2 functions, 1 reused, 3 skipped"; failed functions are named elsewhere. */
function functionCounts(functions: FunctionBuildResult[]): string {
  const count = (status: string) => functions.filter(f => f.status === status).length;
  const built = count('built');
  const others = [
    [count('reused'), 'reused'],
    [count('skipped'), 'skipped'],
  ]
    .filter(([n]) => n !== 0)
    .map(([n, what]) => `${n} ${what}`);
  if (built > 0) return [`Built ${plural(built, 'function')}`, ...others].join(', ');
  if (others.length > 0) return `Nothing to build (${others.join(', ')})`;
  return functions.length === 0 ? 'No function to build' : 'Nothing built';
}

function functionFailure(f: FunctionBuildResult): string {
  return `${f.logicalId} (${f.message ?? (f.command ? `${f.command} failed` : 'failed')})`;
}

function sdkOutcome(sdk: RuntimeSdkStatus): string {
  return `${runtimeSdkName(sdk.runtime)}${sdk.version ? ` ${sdk.version}` : ''} ${sdk.status}`;
}

function sdkFailure(sdk: RuntimeSdkStatus): string {
  const missing = sdk.packages.length > 0 ? `missing ${sdk.packages.join(', ')}` : 'not installed';
  return `${runtimeSdkName(sdk.runtime)} (${sdk.message ?? missing})`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** "850 ms", "4.1 s" */
function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function cut(line: string): string {
  const single = line.replace(/\s+/g, ' ').trim();
  return single.length > maxDetailLength ? single.slice(0, maxDetailLength - 1) + '…' : single;
}
