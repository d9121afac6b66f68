import * as vscode from 'vscode';
import type { ApiRouteDescription, ApiRoutesResult } from '../backend/protocol.generated';
import { commandIds } from '../commandIds';
import { copyableUrl, fillRouteUrl, invalidValue, notServedHint, opensInBrowser, routeDescription, routeLabel, routeVariables, type RouteVariable } from './apiRoutes';
import type { ApiRouteNode } from './apiRoutesView';

/** Open in Browser and Copy URL, on a route of the view or (from the palette) one picked from the list. */
export class RouteCommands {
  constructor(private readonly routes: () => ApiRoutesResult) {}

  async openInBrowser(node?: ApiRouteNode): Promise<void> {
    const route = node?.route ?? (await this.pick('Lambda: Open API Route in Browser', opensInBrowser));
    if (!route || !this.served(route)) return;
    const values: string[] = [];
    for (const variable of routeVariables(route)) {
      const value = await vscode.window.showInputBox({
        title: `Lambda: Open ${route.method} ${route.path}`,
        prompt: promptFor(variable),
        placeHolder: variable.name === '*' ? 'items/5?mode=echo' : variable.greedy ? 'a/b' : '5',
        ignoreFocusOut: true,
        validateInput: text => invalidValue(variable, text),
      });
      if (value === undefined) return;
      values.push(value);
    }
    await vscode.env.openExternal(vscode.Uri.parse(fillRouteUrl(route, values)));
  }

  async copyUrl(node?: ApiRouteNode): Promise<void> {
    const route = node?.route ?? (await this.pick('Lambda: Copy API Route URL', () => true));
    const url = route && this.served(route) ? copyableUrl(route) : undefined;
    if (!url) return;
    await vscode.env.clipboard.writeText(url);
    vscode.window.setStatusBarMessage(`Lambda: copied ${url}`, 5_000);
  }

  private async pick(title: string, fits: (route: ApiRouteDescription) => boolean): Promise<ApiRouteDescription | undefined> {
    const routes = this.routes().routes.filter(fits);
    if (routes.length === 0) {
      void vscode.window.showInformationMessage('Lambda: the template has no such API route (see the Lambda API Routes view).');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      routes.map(route => ({ label: routeLabel(route), description: routeDescription(route), detail: route.url, route })),
      { title, placeHolder: 'Route', matchOnDescription: true },
    );
    return picked?.route;
  }

  /** True when the backend serves the route; otherwise says how to get it served. */
  private served(route: ApiRouteDescription): boolean {
    if (route.url) return true;
    void vscode.window
      .showWarningMessage(`Lambda: ${route.method} ${route.path} is not served: ${notServedHint}.`, 'Open Settings', 'Restart Backend')
      .then(choice => {
        if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'devtools.apiPort');
        else if (choice === 'Restart Backend') void vscode.commands.executeCommand(commandIds.restartBackend);
      });
    return false;
  }
}

function promptFor(variable: RouteVariable): string {
  if (variable.name === '*') return 'The path to open under the route (and a query, if any); empty: the root.';
  return variable.greedy ? `The value of {${variable.name}+}: one or more path segments.` : `The value of {${variable.name}}: one path segment.`;
}
