import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EnvironmentModel, describeEnvironment, describeFunction, describeTmp, formatDuration, statusText } from '../../src/environments/environmentModel';
import { coldInvoke, environmentId, event, functions } from './fixtures';

function modelAfter(events = coldInvoke) {
  const model = new EnvironmentModel();
  model.setFunctions(functions);
  for (const e of events) model.apply(e);
  return model;
}

test('a cold invoke goes initializing, busy, frozen; the report counts the invocation and its memory peak', () => {
  const model = new EnvironmentModel();
  model.setFunctions(functions);
  const states: string[] = [];
  for (const e of coldInvoke) {
    model.apply(e);
    states.push(model.get(environmentId)?.state ?? '-');
  }
  assert.deepEqual(states, ['initializing', 'initializing', 'initializing', 'initializing', 'busy', 'busy', 'busy', 'busy', 'frozen']);
  const environment = model.get(environmentId)!;
  assert.equal(environment.invocations, 1);
  assert.equal(environment.maxMemoryUsedMb, 44);
  assert.equal(environment.pid, 2560);
  assert.equal(environment.lastUsedAt, Date.parse('2026-11-28T02:29:03.401Z'));
});

test('the tree lists every function in template order with its environments', () => {
  const tree = modelAfter().tree();
  assert.deepEqual(tree.map(f => [f.logicalId, f.environments.map(e => e.id)]), [['NodeCjsFunction', [environmentId]], ['Orders', []]]);
});

test('events name the function by its function name; the tree groups by logical id', () => {
  const model = modelAfter([event('environment.created', '2026-11-28T02:29:03Z', {}, undefined, { functionName: 'orders-prod', environmentId: 'e2' })]);
  assert.deepEqual(model.tree().find(f => f.logicalId === 'Orders')?.environments.map(e => e.id), ['e2']);
});

test('a warm invoke thaws (busy) and freezes again; the memory peak only grows', () => {
  const model = modelAfter();
  model.apply(event('environment.thawed', '2026-11-28T02:29:05Z', { requestId: 'r2' }));
  assert.equal(model.get(environmentId)?.state, 'busy');
  model.apply(event('platform.report', '2026-11-28T02:29:05.1Z', { metrics: { maxMemoryUsedMB: 40 } }));
  model.apply(event('environment.frozen', '2026-11-28T02:29:05.2Z'));
  const environment = model.get(environmentId)!;
  assert.deepEqual([environment.state, environment.invocations, environment.maxMemoryUsedMb], ['frozen', 2, 44]);
});

test('a reset leaves an idle environment without a process; a retirement removes it', () => {
  const model = modelAfter();
  assert.equal(model.apply(event('environment.reset', '2026-11-28T02:29:06Z', { reason: 'timeout' })), true);
  assert.deepEqual([model.get(environmentId)?.state, model.get(environmentId)?.pid], ['idle', undefined]);
  assert.equal(model.apply(event('environment.retired', '2026-11-28T02:29:07Z', { reason: 'idle' })), true);
  assert.equal(model.get(environmentId), undefined);
  assert.equal(model.warmCount(), 0);
});

test('events without an environment, or of an unknown one, change nothing', () => {
  const model = modelAfter();
  assert.equal(model.apply(event('invoke.queued', '2026-11-28T02:29:07Z', {}, undefined, { environmentId: undefined })), false);
  assert.equal(model.apply(event('environment.frozen', '2026-11-28T02:29:07Z', {}, undefined, { environmentId: 'nope' })), false);
  assert.equal(model.apply(event('platform.initReport', '2026-11-28T02:29:07Z')), false);
});

test("the backend's list replaces the environments; environments of a function the template lost still show", () => {
  const model = modelAfter();
  model.setEnvironments([
    { id: 'a1', functionName: 'orders-prod', logicalId: 'Orders', state: 'busy', createdAt: '2026-11-28T02:00:00Z', lastUsedAt: '2026-11-28T02:01:00Z', invocations: 3, maxMemoryUsedMb: 70, tmpUsedBytes: 0, isolation: 'cgroup-v2', tmpMode: 'private-disk', extensions: ['otel-collector'] },
    { id: 'z9', functionName: 'Gone', logicalId: 'Gone', state: 'frozen', createdAt: '2026-11-28T02:00:00Z', lastUsedAt: '2026-11-28T02:01:00Z', invocations: 1, maxMemoryUsedMb: 30, tmpUsedBytes: 0, isolation: 'process-group', tmpMode: 'directory', extensions: [] },
  ]);
  assert.equal(model.get(environmentId), undefined);
  assert.deepEqual(model.tree().map(f => [f.logicalId, f.environments.length, f.runnable]), [['NodeCjsFunction', 0, true], ['Orders', 1, true], ['Gone', 1, false]]);
  assert.deepEqual([model.warmCount(), model.busyCount()], [2, 1]);
  assert.deepEqual([model.get('a1')?.tmpMode, model.get('z9')?.tmpMode], ['private-disk', 'directory']);
  assert.deepEqual(model.get('a1')?.extensions, ['otel-collector']);
  assert.equal(model.tree()[1].ephemeralStorageMb, 512);
  model.clear();
  assert.deepEqual(model.tree(), []);
});

test('descriptions: invocations, memory peak, idle time; runtime, memory, warm count', () => {
  const model = modelAfter();
  const environment = model.get(environmentId)!;
  assert.equal(describeEnvironment(environment, environment.lastUsedAt + 12_500), '1 invocation · 44 MB peak · idle for 12 s');
  environment.state = 'busy';
  environment.invocations = 3;
  assert.equal(describeEnvironment(environment, environment.lastUsedAt + 12_500), '3 invocations · 44 MB peak');
  environment.state = 'frozen';
  assert.equal(describeFunction(model.tree()[0]), 'nodejs20.x · 256 MB · 1 warm');
  assert.equal(describeFunction(model.tree()[1]), 'python3.11 · 512 MB');
});

test("what /tmp is: from the created event or the backend's list, described with the function's storage size", () => {
  assert.equal(modelAfter().get(environmentId)?.tmpMode, 'directory');
  assert.equal(describeTmp('private-disk', 512), 'own disk (512 MB)');
  assert.equal(describeTmp('private-mount', 1024), 'tmpfs (1024 MB, counts as memory)');
  assert.equal(describeTmp('private-mount'), 'tmpfs (counts as memory)');
  assert.equal(describeTmp('directory', 512), 'directory (size not enforced)');
  assert.equal(describeTmp('', 512), undefined);
  assert.equal(describeTmp(undefined), undefined);
});

test('durations and the status bar text', () => {
  assert.equal(formatDuration(-5), '0 s');
  assert.equal(formatDuration(59_999), '59 s');
  assert.equal(formatDuration(125_000), '2 min 5 s');
  assert.equal(formatDuration(2 * 3600_000 + 60_000), '2 h 1 min');
  assert.equal(statusText(0, 0), 'λ 0 warm');
  assert.equal(statusText(1, 0), 'λ 1 warm');
  assert.equal(statusText(3, 1), 'λ 3 warm (1 busy)');
});
