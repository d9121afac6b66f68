import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findRepositoryBuild, resolveCli, type MachineProbe } from '../../src/backend/cliResolver';
import { explainBackendExit } from '../../src/backend/backendExit';

/** A machine with these files (path to modification time) and these executables on PATH. */
function machine(files: Record<string, number>, onPath: Record<string, string> = {}): MachineProbe {
  return {
    isFile: file => file in files,
    directories: directory => [...new Set(Object.keys(files).filter(f => f.startsWith(directory + '/')).map(f => f.slice(directory.length + 1).split('/')[0]))].filter(name => !(`${directory}/${name}` in files)),
    modifiedTime: file => files[file] ?? 0,
    which: name => onPath[name],
  };
}

const input = { cliPathSetting: '', dotnetPath: 'dotnet', searchFrom: ['/repo/samples'], homeDirectory: '/home/me' };
const dotnet = { dotnet: '/usr/bin/dotnet' };

test('the setting wins; a .dll runs with dotnet; relative paths are from the workspace, ~ from home', () => {
  const probe = machine({ '/repo/samples/tools/devtools.dll': 1, '/home/me/bin/devtools': 1 }, dotnet);
  assert.deepEqual(resolveCli({ ...input, cliPathSetting: 'tools/devtools.dll' }, probe).cli, {
    command: '/usr/bin/dotnet', args: ['/repo/samples/tools/devtools.dll'], source: 'setting devtools.cliPath', needsDotnet: true,
  });
  assert.deepEqual(resolveCli({ ...input, cliPathSetting: '~/bin/devtools' }, probe).cli, {
    command: '/home/me/bin/devtools', args: [], source: 'setting devtools.cliPath', needsDotnet: false,
  });
});

test('a setting that points nowhere is an error, not a fallback', () => {
  const probe = machine({ '/repo/src/DevTools.Cli/bin/Debug/net10.0/devtools.dll': 1 }, { ...dotnet, devtools: '/usr/local/bin/devtools' });
  assert.match(resolveCli({ ...input, cliPathSetting: '/nope/devtools.dll' }, probe).error ?? '', /devtools\.cliPath does not exist: \/nope\/devtools\.dll/);
});

test("without the setting: the repository's newest build, found upwards from the workspace", () => {
  const probe = machine({ '/repo/src/DevTools.Cli/bin/Debug/net10.0/devtools.dll': 10, '/repo/src/DevTools.Cli/bin/Release/net10.0/devtools.dll': 20 }, dotnet);
  const cli = resolveCli(input, probe).cli!;
  assert.deepEqual([cli.command, cli.args, cli.source], ['/usr/bin/dotnet', ['/repo/src/DevTools.Cli/bin/Release/net10.0/devtools.dll'], 'repository build']);
  assert.equal(findRepositoryBuild(['/elsewhere', '/repo/samples/functions'], probe), '/repo/src/DevTools.Cli/bin/Release/net10.0/devtools.dll');
  assert.equal(findRepositoryBuild(['/elsewhere'], probe), undefined);
});

test('then devtools on PATH; then an error that says how to get it', () => {
  assert.deepEqual(resolveCli(input, machine({}, { devtools: '/opt/fake-tools/devtools' })).cli, {
    command: '/opt/fake-tools/devtools', args: [], source: 'PATH', needsDotnet: false,
  });
  assert.match(resolveCli(input, machine({}, dotnet)).error ?? '', /was not found.*dotnet build src\/DevTools\.Cli.*devtools\.cliPath/);
});

test('a missing .NET is named as the problem; devtools.dotnetPath may point to one', () => {
  const files = { '/repo/src/DevTools.Cli/bin/Debug/net10.0/devtools.dll': 1, '/opt/dotnet/dotnet': 1 };
  assert.match(resolveCli(input, machine(files)).error ?? '', /\.NET runtime \(dotnet\) was not found.*install \.NET 10/);
  assert.equal(resolveCli({ ...input, dotnetPath: '/opt/dotnet/dotnet' }, machine(files)).cli?.command, '/opt/dotnet/dotnet');
  assert.match(resolveCli({ ...input, dotnetPath: '/opt/none/dotnet' }, machine(files)).error ?? '', /\.NET runtime \(\/opt\/none\/dotnet\)/);
});

test("a backend that stopped is explained by its last words; a missing .NET runtime by name", () => {
  assert.equal(explainBackendExit([], 'spawn failed'), 'The Lambda DevTools backend could not be started: spawn failed');
  assert.equal(
    explainBackendExit(['Unhandled exception. System.IO.IOException: disk full', '   at X.Y()', 'Stopping'], 'closed'),
    'The Lambda DevTools backend stopped: Unhandled exception. System.IO.IOException: disk full Stopping',
  );
  const dotnet = [
    "You must install or update .NET to run this application.",
    "Framework: 'Microsoft.NETCore.App', version '10.0.0' (x64)",
  ];
  assert.match(explainBackendExit(dotnet, 'closed'), /^The \.NET 10 runtime is missing.*install \.NET 10/);
});
