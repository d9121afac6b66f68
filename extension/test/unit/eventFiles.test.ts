import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverEventFiles, eventDirectories, rankEventFiles, readEvent } from '../../src/invoke/eventFiles';

const root = mkdtempSync(join(tmpdir(), 'devtools-events-'));
after(() => rmSync(root, { recursive: true, force: true }));

function file(relative: string, text = '{}') {
  const full = join(root, relative);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
  return full;
}

test('events come from events/ and samples/events/ of each folder and events/ beside the template, each once', () => {
  assert.deepEqual(eventDirectories(['/w', '/v'], '/w/samples/template.yaml'), ['/w/events', '/w/samples/events', '/v/events', '/v/samples/events']);
  assert.deepEqual(eventDirectories(['/w'], '/w/api/template.yaml'), ['/w/events', '/w/samples/events', '/w/api/events']);
  assert.deepEqual(eventDirectories([], undefined), []);
});

test('discovery finds JSON files in sorted order, in subfolders, skipping other files, hidden folders and node_modules', () => {
  file('events/b.json');
  file('events/a.json');
  file('events/readme.md', '# not an event');
  file('events/orders/created.json');
  file('events/.cache/skip.json');
  file('events/node_modules/skip.json');
  file('samples/events/generic.json');
  const found = discoverEventFiles([join(root, 'events'), join(root, 'samples', 'events'), join(root, 'missing'), join(root, 'events')], root);
  assert.deepEqual(found.map(f => f.label), ['events/a.json', 'events/b.json', 'events/orders/created.json', 'samples/events/generic.json']);
  assert.equal(found[0].file, join(root, 'events', 'a.json'));
});

test("a function's own events come first: by its code folder, then by its name", () => {
  const files = ['generic.json', 'node-cjs.json', 'python.json', 'orders-created.json'].map(name => ({ file: `/w/events/${name}`, label: `events/${name}` }));
  const forNode = rankEventFiles(files, 'NodeCjsFunction', '/w/functions/node-cjs/').map(f => f.label);
  assert.deepEqual(forNode, ['events/node-cjs.json', 'events/generic.json', 'events/python.json', 'events/orders-created.json']);
  const forOrders = rankEventFiles(files, 'OrdersFunction', '/w/src/handlers').map(f => f.label);
  assert.deepEqual(forOrders, ['events/orders-created.json', 'events/generic.json', 'events/node-cjs.json', 'events/python.json']);
});

test('an event must be JSON; empty means {}; a byte order mark is ignored', () => {
  assert.deepEqual(readEvent('\uFEFF { "a": 1 }\n'), { payload: '{ "a": 1 }' });
  assert.deepEqual(readEvent('  \n'), { payload: '{}' });
  assert.deepEqual(readEvent('"text"'), { payload: '"text"' });
  assert.match(readEvent('{ oops').error ?? '', /^not valid JSON: /);
});
