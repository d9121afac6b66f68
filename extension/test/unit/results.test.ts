import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorSummary, presentResult, prettyJson } from '../../src/invoke/resultPresentation';
import { RecentEvents } from '../../src/invoke/recentEvents';
import type { InvokeResponse } from '../../src/backend/protocol.generated';

const cold: InvokeResponse = {
  requestId: 'r1', functionName: 'Probe', statusCode: 200, executedVersion: '$LATEST', coldStart: true,
  metrics: { durationMs: 18.64, billedDurationMs: 206, initDurationMs: 187.16, maxMemoryUsedMb: 44, memorySizeMb: 256 },
};

test('a short result is a notification with the metrics; a long one opens the JSON editor', () => {
  const short = presentResult({ ...cold, payload: '{"ok": true}' }, 120);
  assert.deepEqual(short, {
    severity: 'info', message: 'Probe returned {"ok":true} — cold start (init 187.16 ms), 18.64 ms, 44 of 256 MB', openDocument: false, document: '{\n  "ok": true\n}',
  });
  const long = presentResult({ ...cold, coldStart: false, payload: JSON.stringify({ text: 'x'.repeat(200) }) }, 120);
  assert.equal(long.openDocument, true);
  assert.equal(long.message, 'Probe returned — warm, 18.64 ms, 44 of 256 MB');
  assert.equal(presentResult({ ...cold, payload: '{"a":1}' }, 0).openDocument, true);
});

test('a function error is an error, with its type and message', () => {
  const payload = JSON.stringify({ errorType: 'Probe.Failure', errorMessage: 'it broke', stackTrace: ['at x'] });
  const shown = presentResult({ ...cold, payload, functionError: 'Unhandled', errorType: 'Probe.Failure' }, 20);
  assert.equal(shown.severity, 'error');
  assert.match(shown.message, /^Probe failed \(Unhandled\): Probe\.Failure: it broke — cold start/);
  assert.equal(shown.openDocument, true);
  assert.equal(errorSummary('not json', 'Runtime.ExitError'), 'Runtime.ExitError: not json');
  assert.equal(errorSummary('', 'Sandbox.Timedout'), 'Sandbox.Timedout');
});

test('queued and dry-run invokes are notifications without a document', () => {
  assert.deepEqual(presentResult({ ...cold, statusCode: 202, metrics: undefined }, 120).message, 'Probe: Event invoke queued (request r1).');
  assert.equal(presentResult({ ...cold, statusCode: 204 }, 120).openDocument, false);
  assert.equal(prettyJson('plain text'), 'plain text');
});

test('recent events: newest first, per function, no repeats, at most ten', async () => {
  const stored = new Map<string, unknown>();
  const recent = new RecentEvents({ get: <T>(key: string) => stored.get(key) as T | undefined, update: async (key, value) => void stored.set(key, value) });
  assert.equal(recent.last(), undefined);
  await recent.remember({ functionName: 'A', label: 'events/a.json', payload: '{}', file: '/w/events/a.json', at: 1 });
  await recent.remember({ functionName: 'B', label: '{}', payload: '{}', at: 2 });
  await recent.remember({ functionName: 'A', label: 'events/a.json', payload: '{}', file: '/w/events/a.json', at: 3 });
  assert.deepEqual(recent.all().map(e => [e.functionName, e.at]), [['A', 3], ['B', 2]]);
  assert.deepEqual(recent.of('B').map(e => e.label), ['{}']);
  assert.equal(recent.last()?.functionName, 'A');
  for (let i = 0; i < 12; i++) await recent.remember({ functionName: 'C', label: `e${i}`, payload: '{}', at: 10 + i });
  assert.equal(recent.all().length, 10);
  assert.equal(recent.last()?.label, 'e11');
});
