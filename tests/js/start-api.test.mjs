// `devtools start-api` driven by Node's own fetch, as a web front end or a test suite calls a local API:
// JSON in and out, then 64 clients at once for a few seconds (throttles allowed, nothing else).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliPath } from './backend.mjs';

const template = resolve(dirname(fileURLToPath(import.meta.url)), '../Functions/api/template.yaml');
let server;
let base;

before(async () => {
  server = spawn('dotnet', [cliPath, 'start-api', '-t', template, '-p', '0', '--concurrency', '16'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  base = await new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error('start-api did not list its routes:\n' + log)), 30_000);
    server.stderr.setEncoding('utf8');
    server.stderr.on('data', chunk => {
      log += chunk;
      const url = /GET\s+(http:\/\/127\.0\.0\.1:\d+)\/items\/special → RestFunction/.exec(log)?.[1];
      if (url) { clearTimeout(timer); resolvePromise(url); }
    });
    server.on('exit', code => reject(new Error(`start-api exited with ${code}:\n${log}`)));
  });
});

after(async () => {
  if (server.exitCode !== null) return;
  const exited = new Promise(r => server.once('exit', r));
  server.kill('SIGTERM');
  await exited;
});

test('fetch gets the function\'s JSON and the event carries what it sent', { timeout: 30_000 }, async () => {
  const response = await fetch(`${base}/items`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-client': 'fetch' }, body: JSON.stringify({ name: 'pen' }) });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/json');
  const event = await response.json();
  assert.equal(event.httpMethod, 'POST');
  assert.deepEqual(JSON.parse(event.body), { name: 'pen' });
  assert.equal(event.headers['x-client'], 'fetch');
  assert.equal(event.requestContext.stage, 'dev');

  const v2 = await (await fetch(`${base}/v2/items/9?tag=a&tag=b`)).json();
  assert.equal(v2.routeKey, 'GET /v2/items/{id}');
  assert.equal(v2.queryStringParameters.tag, 'a,b');
});

test('64 clients at once for a few seconds: every answer is the function\'s or a throttle', { timeout: 60_000 }, async () => {
  const until = Date.now() + 3_000;
  const statuses = new Map();
  const client = async () => {
    while (Date.now() < until) {
      const response = await fetch(`${base}/items/1`);
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: 64 }, client));
  const unexpected = [...statuses].filter(([status]) => status !== 200 && status !== 429);
  assert.deepEqual(unexpected, [], JSON.stringify(Object.fromEntries(statuses)));
  assert.ok((statuses.get(200) ?? 0) > 0, JSON.stringify(Object.fromEntries(statuses)));
  console.log(`# 64 clients, 3 s: ${JSON.stringify(Object.fromEntries(statuses))}`);
});
