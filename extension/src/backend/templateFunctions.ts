import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BackendConnection } from './backendConnection';
import { ProtocolMethods, type FunctionDescription, type FunctionListResult } from './protocol.generated';
import { describeRequestError } from './requestErrors';

/** The template's functions for a command to pick from; undefined (and the reason shown) when there is none. */
export async function listTemplateFunctions(backend: BackendConnection): Promise<FunctionDescription[] | undefined> {
  try {
    const list = await backend.request<FunctionListResult>(ProtocolMethods.functionsList);
    if (list.functions.length > 0) return list.functions;
    const errors = list.diagnostics.filter(d => d.severity === 'error').length;
    void vscode.window.showWarningMessage(
      `${path.basename(list.templatePath)} declares no function${errors > 0 ? ` it can load (${errors} error(s): see Problems)` : ''}.`,
    );
  } catch (error) {
    void vscode.window.showErrorMessage(`Lambda: ${describeRequestError(error).message}`);
  }
  return undefined;
}
