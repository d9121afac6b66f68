import * as path from 'node:path';
import * as vscode from 'vscode';
import { BackendConnection } from './backend/backendConnection';
import {
  ProtocolMethods,
  type EnvironmentListResult,
  type EnvironmentStopParams,
  type EnvironmentStopResult,
  type FunctionListResult,
  type LifecycleEventNotification,
} from './backend/protocol.generated';
import { describeRequestError } from './backend/requestErrors';
import { BuildCommand } from './build/buildCommand';
import { commandIds } from './commandIds';
import { EnvironmentModel } from './environments/environmentModel';
import { EnvironmentsStatus, EnvironmentsView, type EnvironmentsNode } from './environments/environmentsView';
import { InvokeCommands } from './invoke/invokeCommands';
import { RecentEvents } from './invoke/recentEvents';
import { ResultView } from './invoke/resultView';
import { EventDispatcher } from './lifecycle/eventDispatcher';
import { LifecycleLog } from './lifecycle/lifecycleLog';
import { ApiRoutesView, type ApiRouteNode } from './routes/apiRoutesView';
import { RouteCommands } from './routes/routeCommands';
import { backendSettingKeys, differencesFromBackend } from './settings';

/** Events after which the environments list is fetched again (the events already moved the view; the list makes it exact). */
const refreshingEvents = new Set(['environment.created', 'environment.frozen', 'environment.thawed', 'environment.reset', 'environment.retired', 'platform.report']);

let activeBackend: BackendConnection | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const lifecycleOutput = vscode.window.createOutputChannel('Lambda Lifecycle');
  const backendLog = vscode.window.createOutputChannel('Lambda DevTools Backend');
  const lifecycle = new LifecycleLog(lifecycleOutput);
  const dispatcher = new EventDispatcher(error => backendLog.appendLine(`Event listener failed: ${String(error)}`));
  const backend = new BackendConnection(context.extensionPath, backendLog, event => dispatcher.dispatch(event));
  activeBackend = backend;
  const model = new EnvironmentModel();
  const view = new EnvironmentsView(model);
  const status = new EnvironmentsStatus(commandIds.showEnvironments, commandIds.restartBackend);
  const results = new ResultView();
  const invokes = new InvokeCommands(backend, new RecentEvents(context.workspaceState), results, lifecycleOutput, name => model.functionNamed(name));
  const builds = new BuildCommand(backend, dispatcher, lifecycleOutput);
  context.subscriptions.push(lifecycleOutput, backendLog, backend, view, status, results);
  const apiRoutes = new ApiRoutesView(backend, line => backendLog.appendLine(line));
  const routeCommands = new RouteCommands(() => apiRoutes.routes);
  context.subscriptions.push(apiRoutes);

  const render = () => {
    view.refresh();
    status.update(backend.state, model, backend.failureReason);
  };

  // Reloads of the functions and environments, coalesced: a burst of events costs one request.
  let environmentsTimer: NodeJS.Timeout | undefined;
  const refreshEnvironments = (delay = 250) => {
    if (environmentsTimer) clearTimeout(environmentsTimer);
    environmentsTimer = setTimeout(async () => {
      environmentsTimer = undefined;
      if (backend.state !== 'running') return;
      try {
        model.setEnvironments((await backend.request<EnvironmentListResult>(ProtocolMethods.environmentsList, {})).environments);
        render();
      } catch (error) {
        backendLog.appendLine(`Listing environments failed: ${describeRequestError(error).message}`);
      }
    }, delay);
  };
  const reloadFunctions = async (method: string) => {
    try {
      model.setFunctions((await backend.request<FunctionListResult>(method)).functions);
      render();
    } catch (error) {
      backendLog.appendLine(`Listing functions failed: ${describeRequestError(error).message}`);
    }
  };
  context.subscriptions.push({ dispose: () => environmentsTimer && clearTimeout(environmentsTimer) });

  context.subscriptions.push(
    dispatcher.subscribe(event => lifecycle.append(event)),
    dispatcher.subscribe((event: LifecycleEventNotification) => {
      if (model.apply(event)) render();
      if (refreshingEvents.has(event.type)) refreshEnvironments();
    }),
    backend.onDidChangeState(state => {
      void vscode.commands.executeCommand('setContext', 'lambdaDevtools.backendState', state);
      if (state === 'failed' || state === 'stopped' || state === 'noTemplate') model.clear();
      render();
    }),
    backend.onDidConnect(async info => {
      lifecycle.note(`Connected to the backend of ${path.basename(info.templatePath)} (pid ${info.processId}); lifecycle of every client's invokes follows.`);
      await reloadFunctions(ProtocolMethods.functionsList);
      refreshEnvironments(0);
      const differences = differencesFromBackend(backend.settings(), info.limits);
      if (differences.length > 0)
        void vscode.window
          .showInformationMessage(`This workspace's backend runs with ${differences.join(', ')}. Restart it to apply your settings.`, 'Restart Backend')
          .then(choice => choice && vscode.commands.executeCommand(commandIds.restartBackend));
    }),
    vscode.workspace.onDidSaveTextDocument(document => {
      if (backend.templatePath && path.resolve(document.uri.fsPath) === path.resolve(backend.templatePath) && backend.state === 'running')
        void reloadFunctions(ProtocolMethods.functionsReload).then(() => apiRoutes.reload());
    }),
    vscode.workspace.onDidChangeConfiguration(change => {
      if (!backendSettingKeys.some(key => change.affectsConfiguration(`devtools.${key}`))) return;
      void vscode.window
        .showInformationMessage('Lambda DevTools settings changed: restart the backend to apply them?', 'Restart Backend')
        .then(choice => choice && vscode.commands.executeCommand(commandIds.restartBackend));
    }),
  );

  // The API routes follow the backend: listed on each connect (and after a template reload, above), gone when it stops.
  context.subscriptions.push(
    backend.onDidConnect(() => apiRoutes.reload()),
    backend.onDidChangeState(state => state !== 'running' && apiRoutes.clear()),
  );

  const register = (id: string, run: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));
  register(commandIds.invokeLocalFunction, (functionName?: unknown) => invokes.invokeLocalFunction(typeof functionName === 'string' ? functionName : nodeFunction(functionName)));
  register(commandIds.invokeAgain, () => invokes.invokeAgain());
  register(commandIds.build, (node?: unknown) => builds.build(false, nodeFunction(node)));
  register(commandIds.rebuild, (node?: unknown) => builds.build(true, nodeFunction(node)));
  register(commandIds.showEnvironments, async (functionName?: unknown) => {
    void backend.start();
    await view.reveal(typeof functionName === 'string' ? functionName : undefined);
  });
  register(commandIds.showLifecycleLog, () => lifecycleOutput.show());
  register(commandIds.showBackendLog, () => backendLog.show());
  register(commandIds.refreshEnvironments, async () => {
    await reloadFunctions(ProtocolMethods.functionsList);
    refreshEnvironments(0);
  });
  register(commandIds.restartBackend, async () => {
    lifecycle.note('Restarting the backend.');
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Restarting the Lambda DevTools backend' }, () => backend.restart());
  });
  register(commandIds.stopEnvironment, async (node?: EnvironmentsNode) => {
    if (node?.kind === 'function') return stop({ functionName: node.entry.logicalId }, `${node.entry.logicalId}'s environments`);
    const id = node?.kind === 'environment' ? node.entry.id : await pickEnvironment(backend);
    if (id) await stop({ environmentId: id }, `environment ${id.slice(0, 8)}`);
  });
  register(commandIds.stopFunctionEnvironments, async (node?: EnvironmentsNode) => {
    const functionName = node?.kind === 'function' ? node.entry.logicalId : node?.kind === 'environment' ? node.parent.logicalId : undefined;
    if (functionName) await stop({ functionName }, `${functionName}'s environments`);
  });
  register(commandIds.stopAllEnvironments, () => stop({}, 'every environment'));
  const routeNode = (node?: ApiRouteNode) => (node?.kind === 'apiRoute' ? node : undefined);
  register(commandIds.openApiRoute, (node?: ApiRouteNode) => routeCommands.openInBrowser(routeNode(node)));
  register(commandIds.copyApiRouteUrl, (node?: ApiRouteNode) => routeCommands.copyUrl(routeNode(node)));
  register(commandIds.refreshApiRoutes, () => apiRoutes.reload());

  async function stop(params: EnvironmentStopParams, what: string): Promise<void> {
    try {
      const result = await backend.request<EnvironmentStopResult>(ProtocolMethods.environmentsStop, params);
      vscode.window.setStatusBarMessage(`Lambda: stopped ${result.stopped} environment(s) (${what})`, 5_000);
      refreshEnvironments(0);
    } catch (error) {
      void vscode.window.showErrorMessage(`Cannot stop ${what}: ${describeRequestError(error).message}`);
    }
  }

  void vscode.commands.executeCommand('setContext', 'lambdaDevtools.backendState', backend.state);
  render();
  void backend.start();
}

/** Ends the connection (and so a backend this window started) before the extension host goes. */
export function deactivate(): Promise<void> | undefined {
  return activeBackend?.stop();
}

function nodeFunction(node: unknown): string | undefined {
  const n = node as EnvironmentsNode | undefined;
  return n?.kind === 'function' ? n.entry.logicalId : n?.kind === 'environment' ? n.parent.logicalId : undefined;
}

async function pickEnvironment(backend: BackendConnection): Promise<string | undefined> {
  let list: EnvironmentListResult;
  try {
    list = await backend.request<EnvironmentListResult>(ProtocolMethods.environmentsList, {});
  } catch (error) {
    void vscode.window.showErrorMessage(`Lambda: ${describeRequestError(error).message}`);
    return undefined;
  }
  if (list.environments.length === 0) {
    void vscode.window.showInformationMessage('Lambda: no environment is running.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    list.environments.map(e => ({
      label: e.id.slice(0, 8),
      description: `${e.logicalId} · ${e.state} · ${e.invocations} invocation(s)`,
      id: e.id,
    })),
    { title: 'Lambda: Stop Environment', placeHolder: 'Environment to stop', matchOnDescription: true },
  );
  return picked?.id;
}
