import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backendSettingKeys, defaults, differencesFromBackend, readSettings, serveArguments } from '../../src/settings';

const source = (values: Record<string, unknown>) => ({ get: <T>(key: string) => values[key] as T | undefined });

test('unset settings take the defaults (which mirror the backend: keep-warm 600 s, concurrency 10, freeze)', () => {
  assert.deepEqual(readSettings(source({})), defaults);
  assert.deepEqual([defaults.keepWarmSeconds, defaults.concurrencyLimit, defaults.freeze], [600, 10, true]);
});

test('settings are cleaned: trimmed paths, whole numbers at least 1, overrides as strings, a valid port or none', () => {
  const settings = readSettings(source({
    cliPath: '  /x/devtools.dll ', dotnetPath: '', keepWarmSeconds: 0, concurrencyLimit: 2.6,
    parameterOverrides: { Greeting: 'Hi', Count: 3, Skip: null }, invokeApiPort: 70000, inlineResultMaxLength: 'x',
    layerMap: { 'arn:aws:lambda:us-east-1:1:layer:a:1': 'layers/a', 'arn:aws:lambda:us-east-1:1:layer:b:1': null },
  }));
  assert.deepEqual(settings.layerMap, { 'arn:aws:lambda:us-east-1:1:layer:a:1': 'layers/a' });
  assert.equal(settings.cliPath, '/x/devtools.dll');
  assert.equal(settings.dotnetPath, 'dotnet');
  assert.equal(settings.keepWarmSeconds, 1);
  assert.equal(settings.concurrencyLimit, 3);
  assert.deepEqual(settings.parameterOverrides, { Greeting: 'Hi', Count: '3' });
  assert.equal(settings.invokeApiPort, null);
  assert.equal(settings.inlineResultMaxLength, 120);
  assert.equal(readSettings(source({ invokeApiPort: 0 })).invokeApiPort, 0);
});

test('the API is served on any free port by default; null turns it off; a bad port falls back to the default', () => {
  assert.equal(defaults.apiPort, 0);
  assert.equal(readSettings(source({ apiPort: 3000 })).apiPort, 3000);
  assert.equal(readSettings(source({ apiPort: null })).apiPort, null);
  assert.equal(readSettings(source({ apiPort: 70000 })).apiPort, 0);
  assert.equal(readSettings(source({ apiPort: 2.5 })).apiPort, 0);
  assert.ok(!serveArguments({ ...defaults, apiPort: null }, '/w/template.yaml', p => p).includes('--api-port'));
  assert.ok((backendSettingKeys as readonly string[]).includes('apiPort'), 'changing it offers a restart');
});

test('the defaults become serve --stdio with the template and the pool options', () => {
  assert.deepEqual(serveArguments(defaults, '/w/template.yaml', p => p), ['serve', '--stdio', '--template', '/w/template.yaml', '--keep-warm', '600', '--concurrency', '10', '--api-port', '0']);
});

test('every backend setting becomes its serve option', () => {
  const settings = {
    ...defaults, keepWarmSeconds: 30, concurrencyLimit: 2, freeze: false, parameterOverrides: { Greeting: 'Hi there', Stage: 'dev' },
    layerMap: { 'arn:aws:lambda:us-east-1:123456789012:layer:shared:3': 'layers/shared' },
    envVarsFile: 'env.json', region: 'eu-west-1', invokeApiPort: 3001, apiPort: 3000,
  };
  assert.deepEqual(serveArguments(settings, '/w/template.yaml', p => `/w/${p}`), [
    'serve', '--stdio', '--template', '/w/template.yaml', '--keep-warm', '30', '--concurrency', '2', '--no-freeze',
    '--parameter-overrides', 'Greeting=Hi there', 'Stage=dev',
    '--layer-map', 'arn:aws:lambda:us-east-1:123456789012:layer:shared:3=/w/layers/shared', '--env-vars', '/w/env.json', '--region', 'eu-west-1', '--invoke-port', '3001', '--api-port', '3000',
  ]);
});

test("a backend started by another client with other limits is noticed", () => {
  assert.deepEqual(differencesFromBackend(defaults, { keepWarmSeconds: 600, concurrencyLimit: 10 }), []);
  assert.deepEqual(differencesFromBackend({ ...defaults, keepWarmSeconds: 30 }, { keepWarmSeconds: 600, concurrencyLimit: 10 }), ['keep-warm 600 s (setting: 30 s)']);
});
