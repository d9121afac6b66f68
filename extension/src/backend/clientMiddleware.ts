import type { Middleware } from 'vscode-languageclient/node';
import { commandIds } from '../commandIds';
import { LspCommands, type EnvironmentListParams, type InvokeParams } from './protocol.generated';

/**
 * The server's CodeLenses run its own commands (invoke without UI, list as JSON): they run the extension's instead,
 * which pick an event and show the result, or reveal the function in the environments view.
 */
export const clientMiddleware: Middleware = {
  provideCodeLenses: async (document, token, next) => {
    const lenses = await next(document, token);
    for (const lens of lenses ?? []) {
      const command = lens.command;
      if (command?.command === LspCommands.invoke) command.command = commandIds.invokeLocalFunction;
      else if (command?.command === LspCommands.listEnvironments) command.command = commandIds.showEnvironments;
      else continue;
      command.arguments = [(command.arguments?.[0] as InvokeParams | EnvironmentListParams | undefined)?.functionName];
    }
    return lenses;
  },
};
