// The Lambda Invoke HTTP API of `devtools serve --invoke-port`, exercised with the real AWS SDK for JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LambdaClient, InvokeCommand, ListFunctionsCommand, GetFunctionCommand } from '@aws-sdk/client-lambda';
import { makeWorkspace, startBackend, stopBackend } from './backend.mjs';

let workspace, backend, lambda;
before(async () => {
  workspace = makeWorkspace();
  backend = await startBackend(workspace, ['--invoke-port', '0']);
  lambda = new LambdaClient({
    endpoint: backend.invokeApi,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
    maxAttempts: 1, // the SDK retries 429 and 5xx otherwise
  });
});
after(async () => { lambda?.destroy(); await stopBackend(backend, workspace); });

const json = payload => new TextEncoder().encode(JSON.stringify(payload));
const text = bytes => new TextDecoder().decode(bytes);

test('RequestResponse: 200 with the payload and version', { timeout: 60_000 }, async () => {
  const result = await lambda.send(new InvokeCommand({ FunctionName: 'Probe', Payload: json({ action: 'echo', n: 7 }) }));
  assert.equal(result.StatusCode, 200);
  assert.equal(result.ExecutedVersion, '$LATEST');
  assert.equal(result.FunctionError, undefined);
  assert.equal(JSON.parse(text(result.Payload)).event.n, 7);
});

test('Event: 202; DryRun: 204', { timeout: 30_000 }, async () => {
  assert.equal((await lambda.send(new InvokeCommand({ FunctionName: 'Probe', InvocationType: 'Event', Payload: json({}) }))).StatusCode, 202);
  assert.equal((await lambda.send(new InvokeCommand({ FunctionName: 'Probe', InvocationType: 'DryRun' }))).StatusCode, 204);
});

test('a function error is 200 with X-Amz-Function-Error', { timeout: 30_000 }, async () => {
  const result = await lambda.send(new InvokeCommand({ FunctionName: 'Probe', Payload: json({ action: 'error' }) }));
  assert.equal(result.StatusCode, 200);
  assert.equal(result.FunctionError, 'Unhandled');
  assert.equal(JSON.parse(text(result.Payload)).errorType, 'Probe.Failure');
});

test('LogType Tail returns the last 4 KB of the log, base64', { timeout: 30_000 }, async () => {
  const result = await lambda.send(new InvokeCommand({ FunctionName: 'Probe', LogType: 'Tail', Payload: json({ action: 'log', lines: 2 }) }));
  const log = Buffer.from(result.LogResult, 'base64').toString('utf8');
  assert.match(log, /START RequestId: /);
  assert.match(log, /log line 1/);
  assert.match(log, /REPORT RequestId: .*Max Memory Used: \d+ MB/);
});

async function serviceError(command) {
  try {
    await lambda.send(command);
  } catch (e) {
    return e;
  }
  assert.fail('expected a service error');
}

test('404 ResourceNotFoundException', { timeout: 30_000 }, async () => {
  const error = await serviceError(new InvokeCommand({ FunctionName: 'Nope', Payload: json({}) }));
  assert.equal(error.name, 'ResourceNotFoundException');
  assert.equal(error.$metadata.httpStatusCode, 404);
});

test('413 RequestTooLargeException over 6 MB', { timeout: 30_000 }, async () => {
  const error = await serviceError(new InvokeCommand({ FunctionName: 'Probe', Payload: json('x'.repeat(6 * 1024 * 1024)) }));
  assert.equal(error.name, 'RequestTooLargeException');
  assert.equal(error.$metadata.httpStatusCode, 413);
});

test('ListFunctions and GetFunction describe the template', { timeout: 30_000 }, async () => {
  const list = await lambda.send(new ListFunctionsCommand({}));
  assert.deepEqual(list.Functions.map(f => f.FunctionName).sort(), ['Limited', 'Probe']);
  const one = await lambda.send(new GetFunctionCommand({ FunctionName: 'Probe' }));
  assert.equal(one.Configuration.MemorySize, 256);
  assert.equal(one.Configuration.Layers, undefined);
  const limited = await lambda.send(new GetFunctionCommand({ FunctionName: 'Limited' }));
  assert.deepEqual(limited.Configuration.Layers.map(l => l.Arn), ['arn:aws:lambda:us-east-1:123456789012:layer:LimitedLayer:1']);
});
