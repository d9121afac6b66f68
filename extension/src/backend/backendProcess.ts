import { spawn, type ChildProcess } from 'node:child_process';
import { explainBackendExit } from './backendExit';
import type { CliCommand } from './cliResolver';
import { messageOf } from './requestErrors';
import { withTimeout } from './timeout';

const stderrTailLines = 12;

/**
 * `devtools serve --stdio` as this window's child process: started for the language client (which talks to it over
 * stdio), stopped with it, and its last words (stderr) kept to explain a failure.
 */
export class BackendProcess {
  private child: ChildProcess | undefined;
  private stderrTail: string[] = [];

  constructor(private readonly log: (line: string) => void) {}

  /** Starts the backend; resolves once it runs, rejects with what to tell the user when it cannot be started. */
  start(cli: CliCommand, args: string[], cwd: string): Promise<ChildProcess> {
    return new Promise((resolve, reject) => {
      this.stderrTail = [];
      const child = spawn(cli.command, args, {
        cwd,
        env: { ...process.env, DOTNET_NOLOGO: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      child.once('error', error =>
        reject(new Error(cli.needsDotnet && (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? `The .NET runtime (${cli.command}) could not be started: install .NET 10 or set devtools.dotnetPath.`
          : `${cli.command} could not be started: ${error.message}`)),
      );
      child.once('spawn', () => {
        this.child = child;
        resolve(child);
      });
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => {
        this.stderrTail.push(...chunk.split(/\r?\n/).filter(line => line.trim() !== ''));
        if (this.stderrTail.length > stderrTailLines) this.stderrTail.splice(0, this.stderrTail.length - stderrTailLines);
      });
      child.once('exit', (code, signal) => this.log(`The backend process exited (${signal ?? `code ${code}`}).`));
    });
  }

  /** A start or run failure, with the backend's last words (its stderr) when it said any. */
  explainExit(error: unknown): string {
    return explainBackendExit(this.stderrTail, messageOf(error));
  }

  /** Waits for the backend to end (its connection is closed first); SIGTERM lets it retire its environments, SIGKILL is the last resort. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
    await withTimeout(exited, 3_000).catch(async () => {
      child.kill('SIGTERM');
      await withTimeout(exited, 5_000).catch(() => child.kill('SIGKILL'));
    });
  }
}

/** Resolves once process `pid` (this window's backend or another client's) has exited, or after `milliseconds`. */
export async function waitForExit(pid: number, milliseconds: number): Promise<void> {
  const deadline = Date.now() + milliseconds;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}
