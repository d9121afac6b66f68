// Starts a real `devtools serve` for a throwaway workspace over the test functions, and stops it.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const cliPath = process.env.DEVTOOLS_CLI ?? resolve(here, '../../src/DevTools.Cli/bin/Debug/net10.0/devtools.dll');
const probe = resolve(here, '../Functions/probe');
const layer = resolve(here, '../Functions/layers/layer-a');

export function makeWorkspace() {
  const root = mkdtempSync(join(tmpdir(), 'devtools-js-'));
  writeFileSync(join(root, 'template.yaml'), `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Probe:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: provided.al2023
      Handler: probe
      CodeUri: ${probe}
      MemorySize: 256
      Timeout: 10
  Limited:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: provided.al2023
      Handler: probe
      CodeUri: ${probe}
      ReservedConcurrentExecutions: 0
      Layers: [!Ref LimitedLayer]
  LimitedLayer:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: ${layer}
`);
  return root;
}

/** Resolves once the backend says where it listens; rejects (bounded) if it never does. */
export function startBackend(workspace, extraArgs = []) {
  const child = spawn('dotnet', [cliPath, 'serve', '--template', join(workspace, 'template.yaml'), '--idle-timeout', '60', ...extraArgs], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('backend did not start:\n' + log)); }, 30_000);
    const state = { child, socketPath: undefined, invokeApi: undefined, log: () => log };
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', chunk => {
      log += chunk;
      state.socketPath ??= /Listening on unix:(\S+)/.exec(log)?.[1];
      state.invokeApi ??= /Invoke API on (\S+)/.exec(log)?.[1];
      const ready = state.socketPath && (!extraArgs.includes('--invoke-port') || state.invokeApi);
      if (ready) { clearTimeout(timer); resolvePromise(state); }
    });
    child.on('exit', code => { clearTimeout(timer); reject(new Error(`backend exited with ${code}:\n${log}`)); });
  });
}

export async function stopBackend(backend, workspace) {
  if (backend && backend.child.exitCode === null) {
    const exited = new Promise(r => backend.child.once('exit', r));
    backend.child.kill('SIGTERM');
    const timer = setTimeout(() => backend.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  if (workspace) rmSync(workspace, { recursive: true, force: true });
}
