// End to end in a real VS Code: code-server (from npm) with the packaged extension installed, driven by playwright-core
// in Debian's Chromium. One workspace session: a copy of samples/, invoked from the command palette.
//
// Inputs (all optional): DEVTOOLS_CODE_SERVER (the folder .ci/install-vscode-test-deps.sh prints; run here if unset),
// DEVTOOLS_VSIX (default: the newest .artifacts/lambda-devtools-*.vsix, packaged here if none), DEVTOOLS_CLI (the
// backend's devtools.dll, default: the repository's build), CHROMIUM (default /usr/bin/chromium).
// Screenshots go to .artifacts/e2e/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { createConnection } from 'node:net';
import { chromium } from 'playwright-core';
import { createMessageConnection, SocketMessageReader, SocketMessageWriter } from 'vscode-jsonrpc/node.js';
import { installExtension, privateEnvironment, startCodeServer, stopCodeServer, writeUserSettings } from './codeServer.mjs';
import { clearNotifications, editorLines, normalise, openFile, outputLines, pick, runCommand, until, widenSideBar } from './workbench.mjs';

const extensionRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const repository = resolve(extensionRoot, '..');
const artifacts = join(repository, '.artifacts', 'e2e');
const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

let root, workspace, server, browser, page;
const stepTimeout = { timeout: 120_000 };

function codeServerDirectory() {
  if (process.env.DEVTOOLS_CODE_SERVER) return process.env.DEVTOOLS_CODE_SERVER;
  const output = execFileSync('bash', [join(repository, '.ci/install-vscode-test-deps.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 1_200_000 });
  return output.trim().split('\n').pop();
}

function vsixPath() {
  if (process.env.DEVTOOLS_VSIX) return process.env.DEVTOOLS_VSIX;
  const newest = () =>
    existsSync(join(repository, '.artifacts'))
      ? readdirSync(join(repository, '.artifacts'))
          .filter(f => /^lambda-devtools-.*\.vsix$/.test(f))
          .map(f => join(repository, '.artifacts', f))
          .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
      : undefined;
  if (!newest()) execFileSync('npm', ['run', 'package'], { cwd: extensionRoot, stdio: 'inherit' });
  return newest();
}

function cliPath() {
  if (process.env.DEVTOOLS_CLI) return process.env.DEVTOOLS_CLI;
  for (const configuration of ['Debug', 'Release']) {
    const dll = join(repository, 'src/DevTools.Cli/bin', configuration, 'net10.0/devtools.dll');
    if (existsSync(dll)) return dll;
  }
  throw new Error('The backend is not built: dotnet build src/DevTools.Cli');
}

async function screenshot(name) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `${name}.png`) });
}

describe('the extension in code-server', { timeout: 600_000 }, () => {
  before(async () => {
    const installation = codeServerDirectory();
    const vsix = vsixPath();
    const cli = cliPath();
    rmSync(artifacts, { recursive: true, force: true });
    root = mkdtempSync(join(tmpdir(), 'devtools-e2e-'));
    workspace = join(root, 'samples');
    cpSync(join(repository, 'samples'), workspace, { recursive: true });
    // The backend comes from the setting here: the copy is outside the repository, where the extension would look.
    mkdirSync(join(workspace, '.vscode'));
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'devtools.cliPath': cli }, null, 2));
    // One more function, that fails, for the error display.
    mkdirSync(join(workspace, 'functions', 'failing'));
    writeFileSync(join(workspace, 'functions', 'failing', 'index.js'), "exports.handler = async () => { throw new Error('the order is missing'); };\n");
    writeFileSync(
      join(workspace, 'template.yaml'),
      readFileSync(join(workspace, 'template.yaml'), 'utf8') +
        '\n  FailingFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x\n      CodeUri: functions/failing/\n      Handler: index.handler\n',
    );
    // A second template with a mistake, for the diagnostics.
    mkdirSync(join(workspace, 'broken'));
    writeFileSync(
      join(workspace, 'broken', 'template.yaml'),
      "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Broken:\n    Type: AWS::Serverless::Function\n" +
        '    Properties:\n      Runtime: nodejs20.x\n      CodeUri: ../functions/node-cjs/\n      Handler: index.handler\n      MemorySize: 99999\n',
    );
    writeUserSettings(root, {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'chat.commandCenter.enabled': false,
      'editor.minimap.enabled': false,
      'editor.wordWrap': 'off',
      '[Log]': { 'editor.wordWrap': 'off' },
      'window.restoreWindows': 'none',
      'files.hotExit': 'off',
    });
    installExtension(installation, root, vsix);
    server = await startCodeServer(installation, root, workspace);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumFlags, env: privateEnvironment(root), timeout: 60_000 });
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
  });

  after(async () => {
    if (page) await screenshot('last').catch(() => undefined);
    await browser?.close().catch(() => undefined);
    const leftover = await stopCodeServer(server, root);
    if (server) {
      mkdirSync(artifacts, { recursive: true });
      writeFileSync(join(artifacts, 'code-server.log'), server.log());
    }
    if (root) {
      const logs = join(root, 'user-data', 'logs');
      if (existsSync(logs)) cpSync(logs, join(artifacts, 'vscode-logs'), { recursive: true });
      rmSync(root, { recursive: true, force: true });
    }
    assert.deepEqual(leftover, [], 'processes outlived code-server');
  });

  test('the backend starts and the status bar counts warm environments', stepTimeout, async () => {
    const status = page.locator('.part.statusbar .statusbar-item').filter({ hasText: 'λ' }).first();
    await until('the status bar item "λ 0 warm"', async () => normalise((await status.innerText().catch(() => '')) ?? '').includes('λ 0 warm'), 90_000);
  });

  test('Lambda: Invoke Local Function from the palette: pick a function and an event; cold start', stepTimeout, async () => {
    await runCommand(page, 'Lambda: Invoke Local Function', { query: 'Lambda:', beforeRun: () => screenshot('palette') });
    const functionRow = await pick(page, 'Lambda: Invoke Local Function', 'NodeCjsFunction', 'NodeCjsFunction', { beforeAccept: () => screenshot('pick-function') });
    assert.match(functionRow, /nodejs20\.x · 256 MB/);
    await pick(page, 'Lambda: Invoke NodeCjsFunction', 'node-cjs.json', 'node-cjs.json', { beforeAccept: () => screenshot('pick-event') });

    const lines = await until('REPORT in the Lambda Lifecycle output', async () => {
      const shown = await outputLines(page).catch(() => []);
      return shown.some(l => l.startsWith('REPORT RequestId:')) && shown.some(l => /^ENVIRONMENT \w+ frozen/.test(l)) ? shown : undefined;
    });
    const report = lines.find(l => l.startsWith('REPORT RequestId:'));
    assert.match(report, /Duration: [\d.]+ ms\s+Billed Duration: \d+ ms\s+Memory Size: 256 MB\s+Max Memory Used: \d+ MB\s+Init Duration: [\d.]+ ms/);
    assert.ok(lines.some(l => /^START RequestId: [0-9a-f-]+ Version: \$LATEST/.test(l)), lines.join('\n'));
    assert.ok(lines.some(l => /^END RequestId: [0-9a-f-]+/.test(l)), lines.join('\n'));
    assert.ok(lines.some(l => /^ENVIRONMENT \w+ created for NodeCjsFunction/.test(l)), lines.join('\n'));

    // The result opens in a read-only JSON editor.
    await page.locator('.tabs-container .tab').filter({ hasText: 'NodeCjsFunction.result.json' }).waitFor({ state: 'visible', timeout: 15_000 });
    const result = (await until('the result document', async () => {
      const shown = await editorLines(page).catch(() => []);
      return shown.some(l => l.includes('"invocations": 1')) ? shown : undefined;
    })).join('\n');
    assert.match(result, /"greeting": "Hello from us-east-1"/);
    await screenshot('result');
  });

  test('Lambda: Invoke Again With Last Event: warm, no Init Duration', stepTimeout, async () => {
    await runCommand(page, 'Lambda: Invoke Again With Last Event');
    await until('the result of the second invoke', async () => (await editorLines(page).catch(() => [])).some(l => l.includes('"invocations": 2')));
    // The whole log in sight: the panel maximized shows every line so far.
    await clearNotifications(page);
    await runCommand(page, 'View: Toggle Maximized Panel');
    const lines = await until('a second REPORT', async () => {
      const shown = await outputLines(page).catch(() => []);
      return shown.filter(l => l.startsWith('REPORT RequestId:')).length >= 2 && shown.filter(l => /^ENVIRONMENT \w+ frozen/.test(l)).length >= 2 ? shown : undefined;
    });
    const reports = lines.filter(l => l.startsWith('REPORT RequestId:'));
    assert.equal(reports.length, 2, lines.join('\n'));
    assert.match(reports[0], /Init Duration: [\d.]+ ms/);
    assert.doesNotMatch(reports[1], /Init Duration/);
    assert.equal(lines.filter(l => l.startsWith('START RequestId:')).length, 2);
    assert.equal(lines.filter(l => l.startsWith('END RequestId:')).length, 2);
    assert.ok(lines.some(l => /^ENVIRONMENT \w+ thawed after/.test(l)), lines.join('\n'));
    await page.waitForTimeout(300);
    await screenshot('output');
    await runCommand(page, 'View: Toggle Maximized Panel');
  });

  test('the Lambda Environments view shows the frozen environment; the status bar counts it', stepTimeout, async () => {
    await runCommand(page, 'Lambda: Show Environments');
    await widenSideBar(page, 260);
    const view = page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: /Lambda Environments/i }) });
    const row = view.locator('.monaco-list-row').filter({ hasText: 'frozen' }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    const text = normalise(await row.innerText());
    assert.match(text, /frozen · 2 invocations · \d+ MB peak · idle for \d+ s/);
    const functionRow = normalise(await view.locator('.monaco-list-row').filter({ hasText: 'NodeCjsFunction' }).first().innerText());
    assert.match(functionRow, /nodejs20\.x · 256 MB · 1 warm/);
    const status = normalise(await page.locator('.part.statusbar .statusbar-item').filter({ hasText: 'λ' }).first().innerText());
    assert.match(status, /λ 1 warm/);
    await clearNotifications(page);
    await screenshot('environments');
  });

  test('CodeLenses on template.yaml: Invoke locally and the warm count', stepTimeout, async () => {
    await openFile(page, join(workspace, 'template.yaml'));
    const lenses = page.locator('.part.editor .editor-group-container.active .codelens-decoration');
    await until('the CodeLenses', async () => {
      const texts = (await lenses.allInnerTexts().catch(() => [])).map(normalise).join(' | ');
      return texts.includes('Invoke locally') && texts.includes('1 warm environment') ? texts : undefined;
    });
    await screenshot('codelens');
    // The lens runs the extension's invoke (event pick), not the server's raw command.
    await lenses.filter({ hasText: 'Invoke locally' }).first().locator('a').filter({ hasText: 'Invoke locally' }).first().click();
    await page.locator('.quick-input-widget .quick-input-title').filter({ hasText: 'Lambda: Invoke NodeCjsFunction' }).waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Escape');
  });

  test('a bad template shows a diagnostic', stepTimeout, async () => {
    await openFile(page, join(workspace, 'broken', 'template.yaml'));
    await page.locator('.part.editor .editor-group-container.active .squiggly-error').first().waitFor({ state: 'attached', timeout: 30_000 });
    await runCommand(page, 'Problems: Focus on Problems View', { query: 'Focus on Problems' });
    const problem = page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'MemorySize is 99999 MB' }).first();
    await problem.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(normalise(await problem.innerText()), /128.10240 MB/);
    await screenshot('diagnostics');
  });

  test('a function error is shown as an error', stepTimeout, async () => {
    await runCommand(page, 'Lambda: Invoke Local Function');
    await pick(page, 'Lambda: Invoke Local Function', 'FailingFunction');
    await pick(page, 'Lambda: Invoke FailingFunction', 'Empty event');
    const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'FailingFunction failed' }).first();
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(normalise(await toast.innerText()), /FailingFunction failed \(Unhandled\): Error: the order is missing/);
    assert.equal(await toast.locator('.codicon-error').count(), 1);
    await screenshot('function-error');
    await clearNotifications(page);
  });

  test("a function name typed in the picker goes to the engine as typed; its ResourceNotFoundException is what the user sees", stepTimeout, async () => {
    await runCommand(page, 'Lambda: Invoke Local Function');
    await pick(page, 'Lambda: Invoke Local Function', 'NoSuchFunction', 'invoke as typed');
    await pick(page, 'Lambda: Invoke NoSuchFunction', 'Empty event');
    const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'Cannot invoke NoSuchFunction' }).first();
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(normalise(await toast.innerText()), /Cannot invoke NoSuchFunction: Function not found: arn:aws:lambda:[^ ]+:function:NoSuchFunction \(ResourceNotFoundException\)/);
    await screenshot('function-not-found');
    await clearNotifications(page);
  });

  test("another client's invoke (over the workspace socket, as PowerShell's) shows in the log and the view", stepTimeout, async () => {
    // docs/protocol.md: $XDG_RUNTIME_DIR/lambda-devtools/<first 16 hex digits of SHA-256 of the workspace path>.sock
    const key = createHash('sha256').update(workspace, 'utf8').digest('hex').slice(0, 16);
    const socket = await new Promise((resolve, reject) => {
      const s = createConnection(join(root, 'run', 'lambda-devtools', `${key}.sock`), () => resolve(s));
      s.once('error', reject);
    });
    const connection = createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
    connection.listen();
    try {
      const result = await connection.sendRequest('lambda/invoke', { functionName: 'PythonFunction', payload: '{"from":"another client"}' });
      assert.equal(result.statusCode, 200);
      await runCommand(page, 'Lambda: Show Lifecycle Log');
      await until("the other client's invoke in the log", async () => {
        const shown = await outputLines(page).catch(() => []);
        return shown.some(l => l.startsWith(`START RequestId: ${result.requestId}`)) && shown.some(l => l.startsWith(`REPORT RequestId: ${result.requestId}`));
      });
      const view = page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: /Lambda Environments/i }) });
      await view.locator('.monaco-list-row').filter({ hasText: 'PythonFunction' }).filter({ hasText: '1 warm' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    } finally {
      connection.dispose();
      socket.destroy();
    }
  });

  test('Lambda: Stop All Environments retires the environment; the view and the status bar follow', stepTimeout, async () => {
    await runCommand(page, 'Lambda: Stop All Environments');
    await runCommand(page, 'Lambda: Show Lifecycle Log');
    await until('the retirements in the log', async () => {
      const retired = (await outputLines(page).catch(() => [])).filter(l => /^ENVIRONMENT \w+ retired after \d+ invocation\(s\): stopped/.test(l));
      return retired.length === 3 && retired.some(l => l.includes('after 2 invocation(s)'));
    });
    const status = page.locator('.part.statusbar .statusbar-item').filter({ hasText: 'λ' }).first();
    await until('λ 0 warm', async () => normalise(await status.innerText().catch(() => '')).includes('λ 0 warm'));
    const view = page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: /Lambda Environments/i }) });
    await until('no environment in the view', async () => (await view.locator('.monaco-list-row').filter({ hasText: 'invocation' }).count()) === 0);
  });

  test('Lambda: Restart Backend starts a fresh backend: the next invoke is cold again', stepTimeout, async () => {
    await runCommand(page, 'Lambda: Restart Backend');
    await until('the new connection', async () => {
      const shown = await outputLines(page).catch(() => []);
      const restart = shown.findLastIndex(l => l === '[Lambda DevTools] Restarting the backend.');
      return restart >= 0 && shown.slice(restart).some(l => l.startsWith('[Lambda DevTools] Connected to the backend'));
    }, 60_000);
    await runCommand(page, 'Lambda: Invoke Local Function');
    await pick(page, 'Lambda: Invoke Local Function', 'NodeCjsFunction');
    // The event used before comes first, as a recent event.
    const recent = await pick(page, 'Lambda: Invoke NodeCjsFunction', '', 'node-cjs.json');
    assert.match(recent, /recent/);
    const lines = await until('a cold REPORT after the restart', async () => {
      const shown = await outputLines(page).catch(() => []);
      const restart = shown.findLastIndex(l => l.startsWith('[Lambda DevTools] Connected to the backend'));
      return restart >= 0 && shown.slice(restart).some(l => l.startsWith('REPORT RequestId:')) ? shown.slice(restart) : undefined;
    });
    assert.match(lines.find(l => l.startsWith('REPORT RequestId:')), /Init Duration: [\d.]+ ms/);
  });

  test("Lambda: Build installs NodeDepsFunction's package.json dependencies: BUILD lines, progress, a summary; again: reused; it runs with them", stepTimeout, async () => {
    // The message of a notification toast matching `pattern` (its text without the source and buttons).
    const toastMessage = (what, pattern, timeoutMs) =>
      until(what, async () => {
        const messages = await page.locator('.notifications-toasts .notification-toast .notification-list-item-message').allInnerTexts().catch(() => []);
        return messages.map(normalise).find(m => pattern.test(m));
      }, timeoutMs);
    const buildAll = async () => {
      await runCommand(page, 'Lambda: Build');
      await page.locator('.quick-input-widget .quick-input-title').filter({ hasText: 'Lambda: Build' }).waitFor({ state: 'visible', timeout: 30_000 });
      await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'NodeDepsFunction' }).first().waitFor({ state: 'visible', timeout: 15_000 });
      await screenshot('build-pick');
      // Every function comes checked: Enter builds them all.
      await page.locator('.quick-input-widget .quick-input-box input').press('Enter');
    };
    const finished = /^(Built \d+ function|Nothing to build|Build failed|Cannot build)/;

    // The template's diagnostics say the dependencies are not installed, until the build.
    await runCommand(page, 'Problems: Focus on Problems View', { query: 'Focus on Problems' });
    const notInstalled = page.locator('.markers-panel .monaco-list-row').filter({ hasText: "Function 'NodeDepsFunction' declares dependencies" });
    await notInstalled.first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(normalise(await notInstalled.first().innerText()), /not installed: run `devtools build` \(Lambda: Build in VS Code/);

    await clearNotifications(page);
    await buildAll();
    // The progress notification follows the build events: function, step, the tool's latest line.
    await page.locator('.notifications-toasts .notification-toast').filter({ hasText: /Lambda: (NodeDepsFunction dependencies|SdkFunction AWS SDK)/ }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForTimeout(300);
    await screenshot('build-progress');
    // The runtime SDK SdkFunction imports is fetched too (into the session's empty cache): npm from the registry.
    const built = await toastMessage('the build summary', finished, 300_000);
    // NodeDepsFunction, and DotnetFunction's publish unless this machine's publish cache already holds it.
    assert.match(built, /^Built (1 function|2 functions), \d+ skipped; AWS SDK for JavaScript [\d.]+ (ready|installed)$/);
    const summary = page.locator('.notifications-toasts .notification-toast').filter({ hasText: built }).first();
    assert.equal(await summary.locator('.codicon-info').count(), 1);
    await screenshot('build-summary');

    const lines = await until('the BUILD lines in the Lambda Lifecycle output', async () => {
      const shown = await outputLines(page).catch(() => []);
      return shown.some(l => /^BUILD NodeDepsFunction dependencies built/.test(l)) ? shown : undefined;
    });
    assert.ok(lines.some(l => /^BUILD NodeDepsFunction dependencies: npm (ci|install) --omit=dev/.test(l)), lines.join('\n'));
    await runCommand(page, 'Problems: Focus on Problems View', { query: 'Focus on Problems' });
    await until('the warning gone from Problems', async () => (await notInstalled.count()) === 0);

    // Nothing changed since: the second build reuses it.
    await clearNotifications(page);
    await buildAll();
    assert.match(await toastMessage('the second build summary', finished, 120_000), /^Nothing to build \([12] reused, \d+ skipped\); AWS SDK for JavaScript [\d.]+ (ready|installed)$/);
    await clearNotifications(page);

    // The function runs with what the build installed (ms, from its package.json).
    await runCommand(page, 'Lambda: Invoke Local Function');
    await pick(page, 'Lambda: Invoke Local Function', 'NodeDepsFunction');
    await pick(page, 'Lambda: Invoke NodeDepsFunction', 'node-deps.json');
    assert.match(await toastMessage('the result of NodeDepsFunction', /^NodeDepsFunction (returned|failed)/), /^NodeDepsFunction returned \{"input":"2 days","milliseconds":172800000\}/);
  });
});
