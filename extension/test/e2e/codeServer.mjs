// A private code-server for the end-to-end test: its own HOME, XDG folders, user data and extensions folders under
// one temporary directory, bound to a free loopback port, stopped (with everything it started) at the end.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const startTimeoutMs = 60_000;

/** The environment code-server and everything it starts see: private folders, nothing of the caller's editor. */
export function privateEnvironment(root) {
  const env = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/^(VSCODE_|ELECTRON_|CODE_SERVER_|npm_)/.test(key)) env[key] = value;
  const folders = { HOME: 'home', XDG_CONFIG_HOME: 'config', XDG_DATA_HOME: 'data', XDG_CACHE_HOME: 'cache', XDG_RUNTIME_DIR: 'run' };
  for (const [key, name] of Object.entries(folders)) {
    env[key] = join(root, name);
    mkdirSync(env[key], { recursive: true, mode: 0o700 });
  }
  return env;
}

export function codeServerEntry(installDirectory) {
  const entry = join(installDirectory, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!existsSync(entry)) throw new Error(`code-server is not installed in ${installDirectory}`);
  return entry;
}

/** Installs a .vsix into the private extensions folder. */
export function installExtension(installDirectory, root, vsix) {
  const env = privateEnvironment(root);
  execFileSync(process.execPath, [codeServerEntry(installDirectory), ...directoryArgs(root), '--install-extension', vsix, '--force'], {
    env,
    stdio: 'pipe',
    timeout: 120_000,
  });
}

function directoryArgs(root) {
  return ['--user-data-dir', join(root, 'user-data'), '--extensions-dir', join(root, 'extensions'), '--config', join(root, 'config.yaml')];
}

/** User settings that keep the workbench quiet and deterministic (no welcome page, tips, word wrap in output). */
export function writeUserSettings(root, settings) {
  const user = join(root, 'user-data', 'User');
  mkdirSync(user, { recursive: true });
  writeFileSync(join(user, 'settings.json'), JSON.stringify(settings, null, 2));
}

/** Starts code-server on the workspace; resolves with its URL once /healthz answers. */
export async function startCodeServer(installDirectory, root, workspace) {
  writeFileSync(join(root, 'config.yaml'), 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const args = [
    codeServerEntry(installDirectory),
    ...directoryArgs(root),
    '--bind-addr', '127.0.0.1:0',
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    workspace,
  ];
  const child = spawn(process.execPath, args, { env: privateEnvironment(root), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  const onData = chunk => (log += chunk);
  child.stdout.setEncoding('utf8').on('data', onData);
  child.stderr.setEncoding('utf8').on('data', onData);
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('code-server did not start:\n' + log)), startTimeoutMs);
    const check = () => {
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code}:\n${log}`));
    });
  });
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not yet
    }
    await new Promise(r => setTimeout(r, 200));
  }
  return { child, url, log: () => log };
}

/**
 * Stops code-server: SIGTERM first, so the extension host ends its language client and the backend it started shuts
 * down its environments; then SIGKILL to its process group; then any process still running from the test's
 * private folder (a backend or runtime that outlived its parent), each by its pid.
 */
export async function stopCodeServer(server, root) {
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    const exited = new Promise(resolve => server.child.once('exit', resolve));
    try {
      process.kill(-server.child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-server.child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 10_000);
    await exited;
    clearTimeout(timer);
  }
  // Give a backend that saw its editor go the moment it needs to retire its environments.
  const deadline = Date.now() + 10_000;
  let left = processesUnder(root);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 250));
    left = processesUnder(root);
  }
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  return left;
}

/** Processes whose command line or working directory is inside the test's private folder. */
export function processesUnder(root) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      let cwd = '';
      try {
        cwd = readlinkSync(`/proc/${entry}/cwd`);
      } catch {
        // no access
      }
      if (commandLine.includes(root) || cwd.startsWith(root)) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}
