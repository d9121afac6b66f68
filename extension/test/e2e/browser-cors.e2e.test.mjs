// `devtools start-api` called from a real web page in Debian's Chromium (driven by playwright-core), the way a front end
// under development calls its local API: a cross-origin PUT with a JSON body makes the browser send a CORS preflight,
// which the HTTP API's CorsConfiguration answers; a REST API without Cors leaves the browser blocking the call.
// Inputs (optional): DEVTOOLS_CLI (the backend's devtools.dll, default: the repository's Debug build), CHROMIUM.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = process.env.DEVTOOLS_CLI ?? join(repository, 'src/DevTools.Cli/bin/Debug/net10.0/devtools.dll');
let api, apiBase, site, siteBase, browser;

const page = `<!doctype html><title>pending</title><script>
  async function call(url) {
    try {
      const response = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json', 'x-token': 't' }, body: JSON.stringify({ n: 1 }) });
      const event = await response.json();
      return { status: response.status, exposed: response.headers.get('x-mode'), body: event.body, method: event.requestContext?.http?.method };
    } catch (error) { return { error: String(error) }; }
  }
</script>`;

before(async () => {
  api = spawn('dotnet', [cli, 'start-api', '-t', join(repository, 'tests/Functions/api/cors.yaml'), '-p', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  apiBase = await new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error('start-api did not list its routes:\n' + log)), 60_000);
    api.stderr.setEncoding('utf8');
    api.stderr.on('data', chunk => {
      log += chunk;
      const match = /PUT\s+(http:\/\/127\.0\.0\.1:\d+)\/open\//.exec(log);
      if (match) { clearTimeout(timer); resolvePromise(match[1]); }
    });
    api.on('exit', code => reject(new Error(`start-api exited with ${code}:\n${log}`)));
  });
  // The page comes from another origin (another port), so the browser applies CORS to its calls.
  site = createServer((_, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(page));
  await new Promise(r => site.listen(0, '127.0.0.1', r));
  siteBase = `http://127.0.0.1:${site.address().port}`;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'], timeout: 60_000 });
});

after(async () => {
  await browser?.close();
  site?.close();
  if (api && api.exitCode === null) {
    const exited = new Promise(r => api.once('exit', r));
    api.kill('SIGTERM');
    await exited;
  }
});

test('a cross-origin call passes the preflight of an API with CORS, and is blocked without it', { timeout: 120_000 }, async () => {
  const tab = await browser.newPage();
  await tab.goto(siteBase);

  const open = await tab.evaluate(url => call(url), `${apiBase}/open/7?mode=echo`);
  assert.equal(open.status, 200, JSON.stringify(open));
  assert.equal(open.method, 'PUT');
  assert.deepEqual(JSON.parse(open.body), { n: 1 });
  assert.equal(open.exposed, 'echo'); // ExposeHeaders lets the page read x-mode

  const closed = await tab.evaluate(url => call(url), `${apiBase}/closed`);
  assert.match(closed.error ?? '', /Failed to fetch/, JSON.stringify(closed));
  await tab.close();
});
