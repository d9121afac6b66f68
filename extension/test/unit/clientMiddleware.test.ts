import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientMiddleware } from '../../src/backend/clientMiddleware';
import { LspCommands } from '../../src/backend/protocol.generated';
import { commandIds } from '../../src/commandIds';

type Lens = { command?: { title: string; command: string; arguments?: unknown[] } };

test("the server's CodeLenses run the extension's commands with the function's name", async () => {
  const lenses: Lens[] = [
    { command: { title: '▶ Invoke locally', command: LspCommands.invoke, arguments: [{ functionName: 'NodeCjsFunction' }] } },
    { command: { title: '1 warm environment', command: LspCommands.listEnvironments, arguments: [{ functionName: 'NodeCjsFunction' }] } },
    { command: { title: 'other', command: 'someone.else', arguments: [1] } },
    {},
  ];
  const provide = clientMiddleware.provideCodeLenses!;
  const shown = (await provide({} as never, {} as never, async () => lenses as never)) as Lens[];
  assert.deepEqual(
    shown.map(l => l.command && [l.command.command, l.command.arguments]),
    [
      [commandIds.invokeLocalFunction, ['NodeCjsFunction']],
      [commandIds.showEnvironments, ['NodeCjsFunction']],
      ['someone.else', [1]],
      undefined,
    ],
  );
});
