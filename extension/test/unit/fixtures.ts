// Events as the backend sends them (captured from `devtools invoke --output json` on the samples), for the unit tests.
import type { FunctionDescription, LifecycleEventNotification } from '../../src/backend/protocol.generated';

export const environmentId = '59a6b6209fda4c39b6864ec86548739b';
const requestId = 'c5cb09b7-2511-4167-a65d-cf4823c16404';
const base = { functionName: 'NodeCjsFunction', environmentId };

export function event(type: string, time: string, record: Record<string, unknown> = {}, text?: string, extra: Partial<LifecycleEventNotification> = {}): LifecycleEventNotification {
  return { ...base, type, time, record, ...(text === undefined ? {} : { text }), ...extra };
}

/** A cold invoke: created, process, init, start, a log line, end, report, frozen. */
export const coldInvoke: LifecycleEventNotification[] = [
  event('environment.created', '2026-11-28T02:29:03.202Z', { isolation: 'process-group', tmpPath: '/tmp/x', tmpMode: 'directory' }, 'ENVIRONMENT 59a6b620 created for NodeCjsFunction (isolation: process-group)'),
  event('environment.processStarted', '2026-11-28T02:29:03.238Z', { pid: 2560, command: 'node index.mjs' }, 'ENVIRONMENT 59a6b620 runtime started (pid 2560)'),
  event('platform.initStart', '2026-11-28T02:29:03.239Z', { phase: 'init', runtimeVersion: 'nodejs20.x' }, 'INIT_START Runtime Version: nodejs20.x\tRuntime Version ARN: arn:aws:lambda:local::runtime:nodejs20.x'),
  event('platform.initRuntimeDone', '2026-11-28T02:29:03.342Z', { phase: 'init', status: 'success' }),
  event('platform.start', '2026-11-28T02:29:03.343Z', { requestId, version: '$LATEST' }, `START RequestId: ${requestId} Version: $LATEST`, { requestId }),
  event('function', '2026-11-28T02:29:03.363Z', { message: 'x', stream: 'stdout', requestId }, `2026-11-28T02:29:03.352Z\t${requestId}\tINFO\tinvocation 1, 0 ticks so far\n`, { requestId }),
  event('platform.runtimeDone', '2026-11-28T02:29:03.400Z', { requestId, status: 'success' }, `END RequestId: ${requestId}`, { requestId }),
  event(
    'platform.report',
    '2026-11-28T02:29:03.400Z',
    { requestId, status: 'success', metrics: { durationMs: 26.616, billedDurationMs: 149, memorySizeMB: 256, maxMemoryUsedMB: 44, initDurationMs: 121.615 } },
    `REPORT RequestId: ${requestId}\tDuration: 26.62 ms\tBilled Duration: 149 ms\tMemory Size: 256 MB\tMax Memory Used: 44 MB\tInit Duration: 121.62 ms\t`,
    { requestId },
  ),
  event('environment.frozen', '2026-11-28T02:29:03.401Z', {}, 'ENVIRONMENT 59a6b620 frozen'),
];

export const functions: FunctionDescription[] = [
  { logicalId: 'NodeCjsFunction', functionName: 'NodeCjsFunction', functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:NodeCjsFunction', runtime: 'nodejs20.x', handler: 'index.handler', codeDirectory: '/w/functions/node-cjs', memorySizeMb: 256, timeoutSeconds: 10, ephemeralStorageMb: 512, architecture: 'x86_64', environment: {}, layers: [], line: 23, column: 3, runnable: true },
  { logicalId: 'Orders', functionName: 'orders-prod', functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-prod', runtime: 'python3.11', handler: 'app.handler', codeDirectory: '/w/functions/orders', memorySizeMb: 512, timeoutSeconds: 10, ephemeralStorageMb: 512, architecture: 'x86_64', environment: { TABLE: 'orders' }, layers: [{ name: 'SharedLayer', directory: '/w/layers/shared' }], line: 30, column: 3, runnable: true },
];
