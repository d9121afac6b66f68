import * as vscode from 'vscode';
import type { BackendConnection } from '../backend/backendConnection';
import { ProtocolMethods, type ApiRouteDescription, type ApiRoutesResult } from '../backend/protocol.generated';
import { describeRequestError } from '../backend/requestErrors';
import { opensInBrowser, routeDescription, routeLabel, routesMessage, routeTooltip } from './apiRoutes';

export const apiRoutesViewId = 'lambdaDevtools.apiRoutes';

/** A route in the view; the commands receive it. */
export interface ApiRouteNode {
  kind: 'apiRoute';
  route: ApiRouteDescription;
}

/** The "Lambda API Routes" tree: the template's API routes and function URLs, as the backend lists them. */
export class ApiRoutesView implements vscode.TreeDataProvider<ApiRouteNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  private readonly view: vscode.TreeView<ApiRouteNode>;
  private result: ApiRoutesResult = { serving: false, routes: [] };
  /** Counts reloads and clears: an answer that comes after a newer one started is dropped. */
  private generation = 0;

  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly backend: BackendConnection, private readonly log: (line: string) => void) {
    this.view = vscode.window.createTreeView(apiRoutesViewId, { treeDataProvider: this });
  }

  /** The routes as last listed. */
  get routes(): ApiRoutesResult {
    return this.result;
  }

  /** Lists the routes again (after a connect or a template reload). */
  async reload(): Promise<void> {
    if (this.backend.state !== 'running') return this.clear();
    const generation = ++this.generation;
    try {
      const result = await this.backend.request<ApiRoutesResult>(ProtocolMethods.apiRoutes);
      if (generation === this.generation) this.show(result, routesMessage(result));
    } catch (error) {
      const message = describeRequestError(error).message;
      this.log(`Listing API routes failed: ${message}`);
      if (generation === this.generation) this.show({ serving: false, routes: [] }, `Cannot list the API routes: ${message}`);
    }
  }

  /** Forgets the routes (the backend stopped). */
  clear(): void {
    this.generation++;
    this.show({ serving: false, routes: [] }, undefined);
  }

  getChildren(node?: ApiRouteNode): ApiRouteNode[] {
    return node ? [] : this.result.routes.map(route => ({ kind: 'apiRoute', route }));
  }

  getTreeItem(node: ApiRouteNode): vscode.TreeItem {
    const route = node.route;
    const item = new vscode.TreeItem(routeLabel(route), vscode.TreeItemCollapsibleState.None);
    item.id = `apiRoute:${route.api}:${route.kind}:${route.routeKey}`;
    item.description = routeDescription(route);
    item.tooltip = new vscode.MarkdownString(routeTooltip(route));
    item.iconPath = new vscode.ThemeIcon(route.kind === 'URL' ? 'link' : 'globe', route.url ? undefined : new vscode.ThemeColor('disabledForeground'));
    item.contextValue = opensInBrowser(route) ? 'lambdaApiRoute.get' : 'lambdaApiRoute';
    return item;
  }

  private show(result: ApiRoutesResult, message: string | undefined): void {
    this.result = result;
    this.view.message = message;
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}
