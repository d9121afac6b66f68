import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildProgressMessage, buildStartMessage, summarizeBuild } from '../../src/build/buildSummary';
import type { BuildResult, FunctionBuildResult, RuntimeSdkStatus } from '../../src/backend/protocol.generated';
import { event } from './fixtures';

function fn(logicalId: string, status: FunctionBuildResult['status'], extra: Partial<FunctionBuildResult> = {}): FunctionBuildResult {
  return { logicalId, functionName: logicalId, status, durationMs: 0, ...extra };
}

const javascriptSdk: RuntimeSdkStatus = { runtime: 'nodejs', status: 'ready', version: '3.1178.0', directory: '/c/sdk/node', packages: ['@aws-sdk/client-s3'] };
const boto3: RuntimeSdkStatus = { runtime: 'python', status: 'installed', version: '1.43.11', directory: '/c/sdk/python', packages: ['boto3'] };

test('a successful build counts built, reused and skipped functions and says each SDK is ready or installed', () => {
  const result: BuildResult = {
    functions: [
      fn('NodeDepsFunction', 'built', { manifest: 'package.json', command: 'npm ci --omit=dev', durationMs: 4100 }),
      fn('PyDepsFunction', 'built', { manifest: 'requirements.txt' }),
      fn('NodeCjsFunction', 'reused'),
      fn('ShellFunction', 'skipped', { message: 'no package.json or requirements.txt' }),
    ],
    runtimeSdks: [javascriptSdk, boto3],
    succeeded: true,
  };
  assert.deepEqual(summarizeBuild(result), {
    severity: 'info',
    message: 'Built 2 functions, 1 reused, 1 skipped; AWS SDK for JavaScript 3.1178.0 ready; AWS SDK for Python (boto3) 1.43.11 installed',
  });
});

test('one built function, and builds with nothing to install', () => {
  assert.equal(summarizeBuild({ functions: [fn('A', 'built')], runtimeSdks: [], succeeded: true }).message, 'Built 1 function');
  assert.equal(summarizeBuild({ functions: [fn('A', 'reused'), fn('B', 'reused'), fn('C', 'skipped')], runtimeSdks: [], succeeded: true }).message, 'Nothing to build (2 reused, 1 skipped)');
  assert.equal(summarizeBuild({ functions: [], runtimeSdks: [], succeeded: true }).message, 'No function to build');
  assert.equal(summarizeBuild({ functions: [], runtimeSdks: [{ ...javascriptSdk, version: undefined }], succeeded: true }).message, 'No function to build; AWS SDK for JavaScript ready');
});

test('failed functions are named with their message, then what did not fail', () => {
  const result: BuildResult = {
    functions: [
      fn('NodeDepsFunction', 'failed', { command: 'npm ci --omit=dev', message: 'npm ci exited with code 1: ERESOLVE could not resolve' }),
      fn('PyDepsFunction', 'failed', { command: 'pip install -r requirements.txt -t /b' }),
      fn('NodeCjsFunction', 'built'),
      fn('ShellFunction', 'skipped'),
    ],
    runtimeSdks: [javascriptSdk],
    succeeded: false,
  };
  assert.deepEqual(summarizeBuild(result), {
    severity: 'error',
    message:
      'Build failed: NodeDepsFunction (npm ci exited with code 1: ERESOLVE could not resolve); PyDepsFunction (pip install -r requirements.txt -t /b failed). ' +
      'Built 1 function, 1 skipped; AWS SDK for JavaScript 3.1178.0 ready',
  });
  assert.equal(summarizeBuild({ functions: [fn('A', 'failed')], runtimeSdks: [], succeeded: false }).message, 'Build failed: A (failed). Nothing built');
});

test('a failed runtime SDK is an error with its message, or what is missing', () => {
  const failedSdk: RuntimeSdkStatus = { runtime: 'python', status: 'failed', packages: ['boto3'], message: 'pip could not reach the package index' };
  assert.deepEqual(summarizeBuild({ functions: [fn('PyDepsFunction', 'built')], runtimeSdks: [javascriptSdk, failedSdk], succeeded: false }), {
    severity: 'error',
    message: 'Build failed: AWS SDK for Python (boto3) (pip could not reach the package index). Built 1 function; AWS SDK for JavaScript 3.1178.0 ready',
  });
  const silent: RuntimeSdkStatus = { runtime: 'nodejs', status: 'failed', packages: ['@aws-sdk/client-s3', '@aws-sdk/client-dynamodb'] };
  assert.equal(
    summarizeBuild({ functions: [fn('A', 'reused')], runtimeSdks: [silent], succeeded: false }).message,
    'Build failed: AWS SDK for JavaScript (missing @aws-sdk/client-s3, @aws-sdk/client-dynamodb). Nothing to build (1 reused)',
  );
  // Not succeeded with nothing named failed is still an error.
  assert.equal(summarizeBuild({ functions: [fn('A', 'built')], runtimeSdks: [], succeeded: false }).severity, 'error');
});

test('the progress message follows the build events: function, step, command, output lines, outcome', () => {
  const at = '2026-12-06T20:00:00Z';
  const events = [
    event('build.started', at, { step: 'dependencies', tool: 'npm', command: 'npm ci --omit=dev', directory: '/b/NodeDepsFunction' }, 'BUILD NodeDepsFunction dependencies: npm ci --omit=dev', { functionName: 'NodeDepsFunction' }),
    event('build.output', at, { step: 'dependencies', line: 'added 3 packages in 2s' }, 'BUILD NodeDepsFunction | added 3 packages in 2s', { functionName: 'NodeDepsFunction' }),
    event('build.output', at, { step: 'dependencies', line: `  ${'x'.repeat(150)}\t` }, undefined, { functionName: 'NodeDepsFunction' }),
    event('build.finished', at, { step: 'dependencies', status: 'built', durationMs: 4123.4, directory: '/b' }, undefined, { functionName: 'NodeDepsFunction' }),
    event('platform.start', at, { requestId: 'r' }, 'START RequestId: r Version: $LATEST'),
    event('build.started', at, { step: 'runtime-sdk', tool: 'npm', command: 'npm install @aws-sdk/client-s3', directory: '/c' }, undefined, { functionName: 'NodeDepsFunction' }),
    event('build.finished', at, { step: 'runtime-sdk', status: 'ready', durationMs: 0, version: '3.1178.0' }, undefined, { functionName: 'NodeDepsFunction' }),
    event('build.finished', at, { step: 'dependencies', status: 'failed', durationMs: 812, error: 'npm ci exited with code 1\nnpm ERR! missing lock file' }, undefined, { functionName: 'Other' }),
  ];
  assert.deepEqual(events.map(buildProgressMessage), [
    'NodeDepsFunction dependencies — npm ci --omit=dev',
    'NodeDepsFunction dependencies — added 3 packages in 2s',
    `NodeDepsFunction dependencies — ${'x'.repeat(99)}…`,
    'NodeDepsFunction dependencies built in 4.1 s',
    undefined,
    'NodeDepsFunction AWS SDK — npm install @aws-sdk/client-s3',
    'NodeDepsFunction AWS SDK ready (3.1178.0)',
    'Other dependencies failed: npm ci exited with code 1 npm ERR! missing lock file',
  ]);
  assert.equal(buildProgressMessage(event('build.finished', at, { step: 'dependencies', status: 'reused', durationMs: 12.6 })), 'NodeCjsFunction dependencies reused in 13 ms');
});

test('the first progress message names what is built', () => {
  assert.equal(buildStartMessage(undefined, false), 'Building all functions…');
  assert.equal(buildStartMessage(['NodeDepsFunction'], true), 'Rebuilding NodeDepsFunction…');
  assert.equal(buildStartMessage(['A', 'B'], false), 'Building 2 functions…');
});
