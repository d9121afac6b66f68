import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LifecycleLog, lifecycleLine } from '../../src/lifecycle/lifecycleLog';
import { EventDispatcher } from '../../src/lifecycle/eventDispatcher';
import { coldInvoke, event } from './fixtures';

test('the log shows the backend text of each event as it is, tabs included', () => {
  const lines: string[] = [];
  const log = new LifecycleLog({ appendLine: line => lines.push(line) });
  for (const e of coldInvoke) log.append(e);
  assert.deepEqual(lines, [
    'ENVIRONMENT 59a6b620 created for NodeCjsFunction (isolation: process-group)',
    'ENVIRONMENT 59a6b620 runtime started (pid 2560)',
    'INIT_START Runtime Version: nodejs20.x\tRuntime Version ARN: arn:aws:lambda:local::runtime:nodejs20.x',
    'START RequestId: c5cb09b7-2511-4167-a65d-cf4823c16404 Version: $LATEST',
    '2026-11-28T02:29:03.352Z\tc5cb09b7-2511-4167-a65d-cf4823c16404\tINFO\tinvocation 1, 0 ticks so far',
    'END RequestId: c5cb09b7-2511-4167-a65d-cf4823c16404',
    'REPORT RequestId: c5cb09b7-2511-4167-a65d-cf4823c16404\tDuration: 26.62 ms\tBilled Duration: 149 ms\tMemory Size: 256 MB\tMax Memory Used: 44 MB\tInit Duration: 121.62 ms\t',
    'ENVIRONMENT 59a6b620 frozen',
  ]);
});

test('events Lambda prints nothing for have no line; one trailing line break is dropped, inner ones kept', () => {
  assert.equal(lifecycleLine(event('platform.initRuntimeDone', '2026-11-28T00:00:00Z')), undefined);
  assert.equal(lifecycleLine(event('function', '2026-11-28T00:00:00Z', {}, 'a\r\n')), 'a');
  assert.equal(lifecycleLine(event('function', '2026-11-28T00:00:00Z', {}, 'Error: x\n    at y\n')), 'Error: x\n    at y');
  assert.equal(lifecycleLine(event('function', '2026-11-28T00:00:00Z', {}, '')), '');
});

test("the extension's own notes are marked", () => {
  const lines: string[] = [];
  new LifecycleLog({ appendLine: line => lines.push(line) }).note('Restarting the backend.');
  assert.deepEqual(lines, ['[Lambda DevTools] Restarting the backend.']);
});

test('the dispatcher gives every event to every listener, in order, until one unsubscribes', () => {
  const dispatcher = new EventDispatcher();
  const first: string[] = [];
  const second: string[] = [];
  dispatcher.subscribe(e => first.push(e.type));
  const subscription = dispatcher.subscribe(e => second.push(e.type));
  dispatcher.dispatch(coldInvoke[0]);
  subscription.dispose();
  dispatcher.dispatch(coldInvoke[1]);
  assert.deepEqual(first, ['environment.created', 'environment.processStarted']);
  assert.deepEqual(second, ['environment.created']);
});

test('a listener that throws does not keep the others from the event; the error is reported', () => {
  const errors: unknown[] = [];
  const dispatcher = new EventDispatcher(error => errors.push(error));
  const seen: string[] = [];
  dispatcher.subscribe(() => {
    throw new Error('boom');
  });
  dispatcher.subscribe(e => seen.push(e.type));
  dispatcher.dispatch(coldInvoke[0]);
  assert.deepEqual(seen, ['environment.created']);
  assert.equal((errors[0] as Error).message, 'boom');
});
