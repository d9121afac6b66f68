import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, RevealOutputChannelOn, State, type LanguageClientOptions } from 'vscode-languageclient/node';
import { commandIds } from '../commandIds';
import { readSettings, serveArguments, type DevToolsSettings } from '../settings';
import { BackendProcess, waitForExit } from './backendProcess';
import { clientMiddleware } from './clientMiddleware';
import { resolveCli } from './cliResolver';
import { ProtocolMethods, type EngineInfo, type LifecycleEventNotification } from './protocol.generated';
import { BackendUnavailableError, messageOf } from './requestErrors';
import { RestartPolicy } from './restartPolicy';
import { locateTemplate, workspaceOf } from './templateLocator';
import { withTimeout } from './timeout';

export type BackendState = 'stopped' | 'starting' | 'running' | 'failed' | 'noTemplate';

/**
 * The workspace's backend, as a language client: `devtools serve --stdio` for the workspace's template (the same
 * backend the PowerShell module and the CLI share: a backend already serving the workspace is joined through its
 * socket), LSP diagnostics and CodeLenses on the same connection, and the `lambda/*` methods and events.
 */
export class BackendConnection implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly process: BackendProcess;
  private readonly restartPolicy = new RestartPolicy();
  private stopping = false;
  private restarting = false;
  private starting: Promise<void> | undefined;
  private currentState: BackendState = 'stopped';
  private failure: string | undefined;
  private info: EngineInfo | undefined;
  private template: string | undefined;
  private readonly stateChanged = new vscode.EventEmitter<BackendState>();
  private readonly connected = new vscode.EventEmitter<EngineInfo>();

  /** Fires on every state change. */
  readonly onDidChangeState = this.stateChanged.event;
  /** Fires each time a (new) connection is up and subscribed to events: reload everything shown. */
  readonly onDidConnect = this.connected.event;

  constructor(
    private readonly extensionPath: string,
    private readonly backendLog: vscode.OutputChannel,
    private readonly onEvent: (event: LifecycleEventNotification) => void,
  ) {
    this.process = new BackendProcess(line => backendLog.appendLine(line));
  }

  get state(): BackendState {
    return this.currentState;
  }

  /** Why the backend is not running, when it failed. */
  get failureReason(): string | undefined {
    return this.failure;
  }

  get engineInfo(): EngineInfo | undefined {
    return this.info;
  }

  get templatePath(): string | undefined {
    return this.template;
  }

  settings(): DevToolsSettings {
    return readSettings(vscode.workspace.getConfiguration('devtools'));
  }

  /** Starts the backend unless it runs or is starting; resolves when it runs (or has failed). */
  start(): Promise<void> {
    if (this.currentState === 'running') return Promise.resolve();
    this.starting ??= this.startOnce().finally(() => (this.starting = undefined));
    return this.starting;
  }

  /**
   * Stops the workspace's backend (`lambda/shutdown`: every client's environments end, as a fresh start needs) and
   * starts a new one with the current settings.
   */
  async restart(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const running = this.client !== undefined && this.currentState === 'running';
    this.restarting = true;
    this.setState('starting');
    try {
      if (this.client && running) {
        const pid = this.info?.processId;
        await withTimeout(this.client.sendRequest(ProtocolMethods.shutdown), 5_000).catch(() => undefined);
        // The next backend can only take the workspace once this one has let go of it.
        if (pid) await waitForExit(pid, 10_000);
      }
      await this.stop();
    } finally {
      this.restarting = false;
    }
    this.restartPolicy.reset();
    await this.start();
  }

  /** Ends this window's connection (a backend this window started ends with it). */
  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.info = undefined;
    if (client) {
      this.stopping = true;
      try {
        await client.stop(3_000).catch(() => undefined);
        await client.dispose().catch(() => undefined);
      } finally {
        this.stopping = false;
      }
    }
    await this.process.stop();
    if (!this.restarting && this.currentState !== 'failed' && this.currentState !== 'noTemplate') this.setState('stopped');
  }

  /** Sends a `lambda/*` request, starting the backend first when needed. */
  async request<R>(method: string, params?: object, token?: vscode.CancellationToken): Promise<R> {
    await this.start();
    const client = this.client;
    if (!client || this.currentState !== 'running') throw new BackendUnavailableError(this.failure ?? 'The Lambda DevTools backend is not running.');
    // vscode-jsonrpc counts every argument after the method as a parameter: pass neither params nor token when absent.
    if (params === undefined) return token ? client.sendRequest<R>(method, token) : client.sendRequest<R>(method);
    return token ? client.sendRequest<R>(method, params, token) : client.sendRequest<R>(method, params);
  }

  dispose(): void {
    void this.stop();
    this.stateChanged.dispose();
    this.connected.dispose();
  }

  private async startOnce(): Promise<void> {
    this.failure = undefined;
    const settings = this.settings();
    const folders = (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file').map(f => f.uri.fsPath);
    const found = settings.templatePath ? [] : (await vscode.workspace.findFiles('**/template.{yaml,yml}', '**/{node_modules,.aws-sam,bin,obj}/**', 20)).map(u => u.fsPath);
    const template = locateTemplate(settings.templatePath, folders, found);
    if (!template) {
      this.template = undefined;
      this.failure = settings.templatePath
        ? `devtools.templatePath names no template (a file, or a folder holding template.yaml): ${settings.templatePath}`
        : 'No SAM template (template.yaml) in this workspace: open the folder that holds one, or set devtools.templatePath.';
      this.setState('noTemplate');
      return;
    }
    this.template = template;
    const workspace = workspaceOf(template);
    const resolution = resolveCli({
      cliPathSetting: settings.cliPath,
      dotnetPath: settings.dotnetPath,
      searchFrom: [...folders, workspace, this.extensionPath],
      homeDirectory: os.homedir(),
    });
    if (!resolution.cli) return this.fail(resolution.error ?? 'The Lambda DevTools backend was not found.', false);

    this.setState('starting');
    const cli = resolution.cli;
    const args = [...cli.args, ...serveArguments(settings, template, p => path.resolve(folders[0] ?? workspace, p))];
    this.backendLog.appendLine(`Starting ${cli.command} ${args.join(' ')} (${cli.source})`);
    const client = new LanguageClient('lambdaDevtools', 'Lambda DevTools', () => this.process.start(cli, args, workspace), this.clientOptions(template));
    // Registered once: the client keeps its handlers across its own restarts.
    client.onNotification(ProtocolMethods.event, (event: LifecycleEventNotification) => this.onEvent(event));
    client.onDidChangeState(change => {
      if (change.newState === State.Running && this.client === client) void this.onRunning(client);
    });
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      if (this.client === client) this.client = undefined;
      await client.dispose().catch(() => undefined);
      return this.fail(this.process.explainExit(error), true);
    }
    // onRunning subscribes; wait for it so callers find the backend usable.
    await new Promise<void>(resolve => {
      if (this.currentState === 'running' || this.currentState === 'failed') return resolve();
      const listener = this.onDidChangeState(state => {
        if (state === 'running' || state === 'failed') {
          listener.dispose();
          resolve();
        }
      });
    });
  }

  private clientOptions(template: string): LanguageClientOptions {
    return {
      documentSelector: [
        { scheme: 'file', pattern: '**/template.{yaml,yml}' },
        { scheme: 'file', pattern: template },
        { scheme: 'file', language: 'javascript' },
        { scheme: 'file', pattern: '**/*.{mjs,cjs}' },
        { scheme: 'file', language: 'python' },
        { scheme: 'file', pattern: '**/*.{cs,java,rb}' },
      ],
      diagnosticCollectionName: 'lambda-devtools',
      outputChannel: this.backendLog,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationFailedHandler: () => false,
      errorHandler: {
        error: () => ({ action: ErrorAction.Continue }),
        closed: () => this.onClosed(),
      },
      middleware: clientMiddleware,
    };
  }

  private async onRunning(client: LanguageClient): Promise<void> {
    try {
      await client.sendRequest(ProtocolMethods.eventsSubscribe, {});
      this.info = await client.sendRequest<EngineInfo>(ProtocolMethods.engineInfo);
      this.backendLog.appendLine(
        `Connected: backend ${this.info.version} (pid ${this.info.processId}) for ${this.info.templatePath}, isolation ${this.info.isolationLevel}, ${this.info.clients} client(s).`,
      );
      this.setState('running');
      this.connected.fire(this.info);
    } catch (error) {
      this.fail(`The Lambda DevTools backend does not answer: ${messageOf(error)}`, true);
    }
  }

  private onClosed(): { action: CloseAction; handled: boolean } {
    this.info = undefined;
    if (this.stopping || this.restarting) return { action: CloseAction.DoNotRestart, handled: true };
    if (this.restartPolicy.allowsRestart()) {
      this.backendLog.appendLine('The backend connection closed; starting it again.');
      this.setState('starting');
      return { action: CloseAction.Restart, handled: true };
    }
    this.fail(this.process.explainExit(new Error('The backend stopped repeatedly.')), true);
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  private fail(reason: string, offerLog: boolean): void {
    this.failure = reason;
    this.backendLog.appendLine(reason);
    this.setState('failed');
    const actions = offerLog ? ['Restart Backend', 'Show Backend Log', 'Open Settings'] : ['Open Settings', 'Restart Backend'];
    void vscode.window.showErrorMessage(reason, ...actions).then(choice => {
      if (choice === 'Restart Backend') void vscode.commands.executeCommand(commandIds.restartBackend);
      else if (choice === 'Show Backend Log') this.backendLog.show(true);
      else if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'devtools.');
    });
  }

  private setState(state: BackendState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.stateChanged.fire(state);
  }
}
