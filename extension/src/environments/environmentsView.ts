import * as vscode from 'vscode';
import type { EnvironmentState } from '../backend/protocol.generated';
import { describeEnvironment, describeFunction, describeTmp, statusText, type EnvironmentEntry, type EnvironmentModel, type FunctionEntry } from './environmentModel';

export const environmentsViewId = 'lambdaDevtools.environments';

export type EnvironmentsNode =
  | { kind: 'function'; entry: FunctionEntry }
  | { kind: 'environment'; entry: EnvironmentEntry; parent: FunctionEntry };

const stateIcons: Record<EnvironmentState, vscode.ThemeIcon> = {
  initializing: new vscode.ThemeIcon('loading~spin', new vscode.ThemeColor('charts.yellow')),
  busy: new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.green')),
  frozen: new vscode.ThemeIcon('debug-pause', new vscode.ThemeColor('charts.blue')),
  idle: new vscode.ThemeIcon('circle-outline', new vscode.ThemeColor('charts.green')),
};

/** The "Lambda Environments" tree: functions, then their execution environments, live. */
export class EnvironmentsView implements vscode.TreeDataProvider<EnvironmentsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<EnvironmentsNode | undefined>();
  private readonly view: vscode.TreeView<EnvironmentsNode>;
  private readonly ticker: NodeJS.Timeout;
  private roots: EnvironmentsNode[] = [];

  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly model: EnvironmentModel) {
    this.view = vscode.window.createTreeView(environmentsViewId, { treeDataProvider: this, showCollapseAll: true });
    // "idle for" grows while frozen: re-render once a second while someone looks and something is idle.
    this.ticker = setInterval(() => {
      if (this.view.visible && this.model.tree().some(f => f.environments.some(e => e.state === 'frozen' || e.state === 'idle'))) this.refresh();
    }, 1_000);
  }

  refresh(): void {
    this.roots = this.model.tree().map(entry => ({ kind: 'function', entry }));
    this.view.message = undefined;
    this.changed.fire(undefined);
  }

  /** Shows the view, with one function's environments in sight when given. */
  async reveal(functionName?: string): Promise<void> {
    await vscode.commands.executeCommand(`${environmentsViewId}.focus`);
    const node = functionName ? this.roots.find(n => n.kind === 'function' && (n.entry.logicalId === functionName || n.entry.functionName === functionName)) : undefined;
    if (node) await this.view.reveal(node, { select: true, focus: false, expand: true });
  }

  getChildren(node?: EnvironmentsNode): EnvironmentsNode[] {
    if (!node) return this.roots;
    if (node.kind === 'function') return node.entry.environments.map(entry => ({ kind: 'environment', entry, parent: node.entry }));
    return [];
  }

  getParent(node: EnvironmentsNode): EnvironmentsNode | undefined {
    return node.kind === 'environment' ? this.roots.find(r => r.kind === 'function' && r.entry.logicalId === node.parent.logicalId) : undefined;
  }

  getTreeItem(node: EnvironmentsNode): vscode.TreeItem {
    if (node.kind === 'function') {
      const f = node.entry;
      const item = new vscode.TreeItem(
        f.logicalId,
        f.environments.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
      );
      // The id changes when the first environment comes or the last goes, so VS Code shows the new state (expanded)
      // instead of the collapsed one it remembers for the id.
      item.id = `function:${f.logicalId}:${f.environments.length > 0 ? 'warm' : 'cold'}`;
      item.description = describeFunction(f);
      item.iconPath = new vscode.ThemeIcon('symbol-function');
      item.contextValue = 'lambdaFunction';
      item.tooltip = `${f.logicalId}${f.functionName !== f.logicalId ? ` (${f.functionName})` : ''}\n${item.description}`;
      return item;
    }
    const e = node.entry;
    const tmp = describeTmp(e.tmpMode, node.parent.ephemeralStorageMb);
    const item = new vscode.TreeItem(e.id.slice(0, 8), vscode.TreeItemCollapsibleState.None);
    item.id = `environment:${e.id}`;
    item.description = `${e.state} · ${describeEnvironment(e, Date.now())}`;
    item.iconPath = stateIcons[e.state];
    item.contextValue = 'lambdaEnvironment';
    item.tooltip = new vscode.MarkdownString(
      [
        `**Environment** \`${e.id}\` of **${node.parent.logicalId}**`,
        '',
        `- State: ${e.state}`,
        `- Invocations: ${e.invocations}`,
        `- Max memory used: ${e.maxMemoryUsedMb} MB${node.parent.memorySizeMb ? ` of ${node.parent.memorySizeMb} MB` : ''}`,
        `- Created: ${new Date(e.createdAt).toLocaleTimeString()}, last used: ${new Date(e.lastUsedAt).toLocaleTimeString()}`,
        e.pid !== undefined ? `- Runtime process: ${e.pid}` : '- Runtime process: none (starts on the next invoke)',
        e.isolation ? `- Isolation: ${e.isolation}` : '',
        tmp ? `- /tmp: ${tmp}` : '',
        e.extensions && e.extensions.length > 0 ? `- Extensions: ${e.extensions.join(', ')}` : '',
        e.tmpUsedBytes !== undefined ? `- /tmp used: ${(e.tmpUsedBytes / 1024).toFixed(0)} KB` : '',
      ]
        .filter(line => line !== '')
        .join('\n'),
    );
    return item;
  }

  dispose(): void {
    clearInterval(this.ticker);
    this.view.dispose();
    this.changed.dispose();
  }
}

/** The status bar item: the warm environment count; it opens the view. */
export class EnvironmentsStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('lambdaDevtools.status', vscode.StatusBarAlignment.Left, 50);

  constructor(private readonly showCommand: string, private readonly restartCommand: string) {
    this.item.name = 'Lambda Environments';
  }

  update(state: 'stopped' | 'starting' | 'running' | 'failed' | 'noTemplate', model: EnvironmentModel, failure?: string): void {
    const item = this.item;
    item.backgroundColor = undefined;
    switch (state) {
      case 'noTemplate':
        item.hide();
        return;
      case 'starting':
        item.text = '$(sync~spin) λ starting';
        item.tooltip = 'Lambda DevTools: starting the backend';
        item.command = this.showCommand;
        break;
      case 'failed':
      case 'stopped':
        item.text = '$(error) λ backend stopped';
        item.tooltip = `${failure ?? 'The Lambda DevTools backend is not running.'}\nClick to restart it.`;
        item.command = this.restartCommand;
        item.backgroundColor = state === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
        break;
      default: {
        const warm = model.warmCount();
        item.text = statusText(warm, model.busyCount());
        item.tooltip = `Lambda DevTools: ${warm === 1 ? '1 warm environment' : `${warm} warm environments`}. Click to show them.`;
        item.command = this.showCommand;
      }
    }
    item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
