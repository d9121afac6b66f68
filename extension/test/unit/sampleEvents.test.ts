import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtocolMethods, type SampleEventDescription } from '../../src/backend/protocol.generated';
import { generateSampleEvent, listSampleEvents, rankSampleEvents, sampleEventLabel } from '../../src/invoke/sampleEvents';

function sample(service: string, name: string, title: string): SampleEventDescription {
  return { id: `${service}-${name}`, service, name, title, description: `${title} event`, flags: [] };
}

// In the backend's order (lambda/events/samples, as captured from `devtools serve`).
const samples = [
  sample('apigateway', 'aws-proxy', 'API Gateway aws-proxy'),
  sample('dynamodb', 'update', 'DynamoDB update'),
  sample('lambda', 'function-url', 'Lambda function-url'),
  sample('s3', 'put', 'S3 put'),
  sample('s3', 'delete', 'S3 delete'),
  sample('sqs', 'receive-message', 'SQS receive-message'),
];

test('a sample event is offered and remembered as "Sample event: <title>"', () => {
  assert.equal(sampleEventLabel(samples[3]), 'Sample event: S3 put');
  assert.equal(sampleEventLabel(samples[0]), 'Sample event: API Gateway aws-proxy');
});

test("samples of a service the function's name mentions come first, the others keep the backend's order", () => {
  assert.deepEqual(rankSampleEvents(samples, 'S3UploadHandler').map(s => s.id), ['s3-put', 's3-delete', 'apigateway-aws-proxy', 'dynamodb-update', 'lambda-function-url', 'sqs-receive-message']);
  assert.deepEqual(rankSampleEvents(samples, 'orders-sqs-worker').map(s => s.id)[0], 'sqs-receive-message');
  // Every function is a Lambda function: its name ranks no sample.
  assert.deepEqual(rankSampleEvents(samples, 'MyLambdaFunction'), samples);
  assert.deepEqual(rankSampleEvents(samples, 'NodeCjsFunction'), samples);
  assert.deepEqual(rankSampleEvents([], 'S3Handler'), []);
});

test('the samples and an event come from the backend; a backend that cannot list them leaves the picker without them', async () => {
  const sent: { method: string; params?: object }[] = [];
  const backend = async <R>(method: string, params?: object): Promise<R> => {
    sent.push({ method, params });
    if (method === ProtocolMethods.eventsSamples) return { samples } as R;
    if (method === ProtocolMethods.eventsGenerate) return { id: 's3-put', event: '{\n  "Records": []\n}' } as R;
    throw Object.assign(new Error(`Unhandled method ${method}`), { code: -32601 });
  };
  assert.deepEqual(await listSampleEvents(backend), samples);
  assert.equal(await generateSampleEvent(backend, 's3-put'), '{\n  "Records": []\n}');
  assert.deepEqual(sent, [{ method: 'lambda/events/samples', params: undefined }, { method: 'lambda/events/generate', params: { id: 's3-put' } }]);

  const outdated = async <R>(method: string): Promise<R> => {
    throw Object.assign(new Error(`Unhandled method ${method}`), { code: -32601 });
  };
  assert.deepEqual(await listSampleEvents(outdated), []);
  await assert.rejects(generateSampleEvent(outdated, 's3-put'), /Unhandled method lambda\/events\/generate/);
});
