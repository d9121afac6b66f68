// The JSON-RPC API over the workspace's Unix socket, from Node with vscode-jsonrpc (as the VS Code extension will).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createConnection } from 'node:net';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { realpathSync } from 'node:fs';
import { createMessageConnection, SocketMessageReader, SocketMessageWriter, CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node.js';
import { makeWorkspace, startBackend, stopBackend } from './backend.mjs';

let workspace, backend;
before(async () => { workspace = makeWorkspace(); backend = await startBackend(workspace); });
after(() => stopBackend(backend, workspace));

function connect() {
  return new Promise((resolve, reject) => {
    const socket = createConnection(backend.socketPath, () => {
      const connection = createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
      const events = [];
      connection.onNotification('lambda/event', e => events.push(e));
      connection.listen();
      resolve({ connection, events, close: () => { connection.dispose(); socket.destroy(); } });
    });
    socket.on('error', reject);
  });
}

async function until(predicate, what) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const found = predicate();
    if (found) return found;
    await new Promise(r => setTimeout(r, 20));
  }
  throw new Error('timed out waiting for ' + what);
}

test('the socket is where the documented derivation puts it', { timeout: 30_000 }, () => {
  const key = createHash('sha256').update(realpathSync(workspace), 'utf8').digest('hex').slice(0, 16);
  const directory = process.env.XDG_RUNTIME_DIR ? join(process.env.XDG_RUNTIME_DIR, 'lambda-devtools') : join(tmpdir(), `lambda-devtools-${process.getuid()}`);
  assert.equal(backend.socketPath, join(directory, `${key}.sock`));
});

test('engine info, invoke and streamed lifecycle events', { timeout: 60_000 }, async () => {
  const { connection, events, close } = await connect();
  try {
    const info = await connection.sendRequest('lambda/engine/info');
    assert.ok(info.isolationLevels.includes(info.isolationLevel), `${info.isolationLevel} is one of ${info.isolationLevels}`);
    assert.notEqual(info.isolationLevel, 'none');
    await connection.sendRequest('lambda/events/subscribe', { functionName: 'Probe' });
    const result = await connection.sendRequest('lambda/invoke', { functionName: 'Probe', payload: '{"action":"log","lines":2}', logTail: true });
    assert.equal(result.statusCode, 200);
    assert.equal(result.coldStart, true);
    assert.ok(result.metrics.initDurationMs > 0);
    assert.match(result.logTail, /log line 1/);
    const report = await until(() => events.find(e => e.type === 'platform.report' && e.requestId === result.requestId), 'REPORT');
    assert.match(report.text, /^REPORT RequestId: /);
    assert.equal(report.record.metrics.memorySizeMB, 256);
    const mine = events.filter(e => e.requestId === result.requestId).map(e => e.type);
    assert.equal(mine.filter(t => t === 'function').length, 2);
    const environments = await connection.sendRequest('lambda/environments/list', { functionName: 'Probe' });
    assert.ok(environments.environments.some(e => e.id === result.environmentId));
  } finally { close(); }
});

test('service errors carry the Lambda error type; unknown methods get -32601', { timeout: 30_000 }, async () => {
  const { connection, close } = await connect();
  try {
    await assert.rejects(connection.sendRequest('lambda/invoke', { functionName: 'Nope' }), e => {
      assert.ok(e instanceof ResponseError);
      assert.equal(e.code, -32001);
      assert.deepEqual([e.data.errorType, e.data.statusCode], ['ResourceNotFoundException', 404]);
      return true;
    });
    await assert.rejects(connection.sendRequest('lambda/nothing'), e => e.code === -32601);
    assert.ok((await connection.sendRequest('lambda/functions/list')).functions.length === 2);
  } finally { close(); }
});

test('a cancelled invoke rejects and still finishes in the backend', { timeout: 60_000 }, async () => {
  const { connection, events, close } = await connect();
  try {
    await connection.sendRequest('lambda/events/subscribe', { functionName: 'Probe' });
    const source = new CancellationTokenSource();
    const pending = connection.sendRequest('lambda/invoke', { functionName: 'Probe', payload: '{"action":"sleep","seconds":1}' }, source.token);
    const start = await until(() => events.find(e => e.type === 'platform.start'), 'START');
    source.cancel();
    await assert.rejects(pending);
    await until(() => events.find(e => e.type === 'platform.report' && e.requestId === start.requestId), 'REPORT of the cancelled invoke');
  } finally { close(); }
});
