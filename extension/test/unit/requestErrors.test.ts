import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseError } from 'vscode-jsonrpc';
import { ProtocolErrorCodes, type LambdaErrorData } from '../../src/backend/protocol.generated';
import { BackendUnavailableError, describeRequestError } from '../../src/backend/requestErrors';

const lambdaError = (message: string, data: LambdaErrorData) => new ResponseError(ProtocolErrorCodes.lambdaServiceError, message, data);

test("the Lambda service's refusal is its message with Lambda's error type (and reason), as the user sees it", () => {
  const notFound = lambdaError('Function not found: arn:aws:lambda:us-east-1:123456789012:function:Nope', { errorType: 'ResourceNotFoundException', statusCode: 404 });
  assert.deepEqual(describeRequestError(notFound), {
    message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:Nope (ResourceNotFoundException)',
    cancelled: false,
  });
  const throttled = lambdaError('Rate Exceeded.', { errorType: 'TooManyRequestsException', statusCode: 429, reason: 'ConcurrentInvocationLimitExceeded' });
  assert.equal(describeRequestError(throttled).message, 'Rate Exceeded. (TooManyRequestsException: ConcurrentInvocationLimitExceeded)');
  assert.equal(describeRequestError(new ResponseError(ProtocolErrorCodes.lambdaServiceError, 'Refused.')).message, 'Refused.');
});

test('a cancelled request is not reported', () => {
  assert.equal(describeRequestError(new ResponseError(ProtocolErrorCodes.requestCancelled, 'Request cancelled')).cancelled, true);
});

test("the backend's other errors are its message; a connection lost mid-request says the backend stopped", () => {
  assert.deepEqual(describeRequestError(new ResponseError(ProtocolErrorCodes.shuttingDown, 'The backend is shutting down.')), {
    message: 'The backend is shutting down.',
    cancelled: false,
  });
  assert.equal(describeRequestError(new ResponseError(ProtocolErrorCodes.invalidParams, 'Unable to find method')).message, 'Unable to find method');
  assert.match(describeRequestError(new ResponseError(-32097, 'Pending response rejected since connection got disposed')).message, /^The Lambda DevTools backend stopped before it answered/);
});

test('errors of the extension itself are their message', () => {
  assert.deepEqual(describeRequestError(new BackendUnavailableError('No SAM template (template.yaml) in this workspace.')), {
    message: 'No SAM template (template.yaml) in this workspace.',
    cancelled: false,
  });
  const spawnError = Object.assign(new Error('spawn dotnet ENOENT'), { code: 'ENOENT' });
  assert.equal(describeRequestError(spawnError).message, 'spawn dotnet ENOENT');
  assert.equal(describeRequestError('plain text').message, 'plain text');
});
