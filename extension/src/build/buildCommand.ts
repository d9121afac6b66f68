import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BackendConnection } from '../backend/backendConnection';
import { ProtocolMethods, type BuildParams, type BuildResult, type FunctionDescription } from '../backend/protocol.generated';
import { describeRequestError } from '../backend/requestErrors';
import { listTemplateFunctions } from '../backend/templateFunctions';
import type { EventDispatcher } from '../lifecycle/eventDispatcher';
import { buildProgressMessage, buildStartMessage, summarizeBuild } from './buildSummary';

type FunctionItem = vscode.QuickPickItem & { logicalId: string };

/**
 * "Lambda: Build" and "Lambda: Rebuild (Force)": the backend installs the functions' declared dependencies
 * (package.json, requirements.txt) and the AWS SDK their runtimes carry; its `build.*` events drive the progress.
 */
export class BuildCommand {
  constructor(
    private readonly backend: BackendConnection,
    private readonly events: EventDispatcher,
    private readonly lifecycleOutput: vscode.OutputChannel,
  ) {}

  /** Builds the given function (from the environments view), else the functions picked (all, unless unchecked). */
  async build(force: boolean, functionName?: string): Promise<void> {
    const functions = functionName ? [functionName] : await this.pickFunctions(force);
    if (!functions) return;
    if (this.backend.settings().revealLifecycleLog) this.lifecycleOutput.show(true);
    const params: BuildParams = { functions: functions === 'all' ? undefined : functions, force };
    let result: BuildResult;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Lambda', cancellable: false },
        async progress => {
          progress.report({ message: buildStartMessage(params.functions, force) });
          // Build events carry no request id: the ones that arrive while this request runs are taken as its own
          // (another client's build at the same moment, rare, would show here too).
          const subscription = this.events.subscribe(event => {
            const message = buildProgressMessage(event);
            if (message) progress.report({ message });
          });
          try {
            return await this.backend.request<BuildResult>(ProtocolMethods.build, params);
          } finally {
            subscription.dispose();
          }
        },
      );
    } catch (error) {
      void vscode.window.showErrorMessage(`Cannot build: ${describeRequestError(error).message}`);
      return;
    }
    const summary = summarizeBuild(result);
    const action = 'Show Lifecycle Log';
    const shown = summary.severity === 'error' ? vscode.window.showErrorMessage(summary.message, action) : vscode.window.showInformationMessage(summary.message, action);
    void shown.then(choice => choice === action && this.lifecycleOutput.show(true));
  }

  /** Every function comes checked: Enter builds them all; unchecking narrows it. Undefined when dismissed. */
  private async pickFunctions(force: boolean): Promise<string[] | 'all' | undefined> {
    const functions = await listTemplateFunctions(this.backend);
    if (!functions) return undefined;
    const picked = await vscode.window.showQuickPick(functions.map(f => this.item(f)), {
      title: force ? 'Lambda: Rebuild (Force)' : 'Lambda: Build',
      placeHolder: force ? 'Functions to install again, even when unchanged' : 'Functions whose dependencies to install',
      canPickMany: true,
      matchOnDescription: true,
      ignoreFocusOut: true,
    });
    if (!picked || picked.length === 0) return undefined;
    return picked.length === functions.length ? 'all' : picked.map(p => p.logicalId);
  }

  private item(f: FunctionDescription): FunctionItem {
    const base = this.backend.templatePath ? path.dirname(this.backend.templatePath) : undefined;
    return {
      label: f.logicalId,
      description: f.runtime,
      detail: base ? path.relative(base, f.codeDirectory) || '.' : f.codeDirectory,
      picked: true,
      logicalId: f.logicalId,
    };
  }
}
