import * as vscode from 'vscode';

export const resultScheme = 'lambda-result';

/**
 * Invoke results as read-only JSON documents (`lambda-result:/<Function>.result.json`), one per function: invoking
 * the function again updates the same editor in place.
 */
export class ResultView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly registration: vscode.Disposable;

  readonly onDidChange = this.changed.event;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(resultScheme, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  async show(functionName: string, json: string): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: resultScheme, path: `/${functionName}.result.json` });
    this.contents.set(uri.toString(), json);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(document, 'json');
    return vscode.window.showTextDocument(document, { preview: false, preserveFocus: false });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
