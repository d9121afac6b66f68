import { test } from 'node:test';
import assert from 'node:assert/strict';
import manifest from '../../package.json';
import { commandIds } from '../../src/commandIds';

const ids = Object.values(commandIds);

test('the command ids are the commands package.json contributes', () => {
  assert.deepEqual([...ids].sort(), manifest.contributes.commands.map(c => c.command).sort());
});

test('menus and welcome links name only those commands', () => {
  const menuCommands = Object.values(manifest.contributes.menus).flatMap(items => items.map(item => item.command));
  const linkedCommands = manifest.contributes.viewsWelcome.flatMap(w => [...w.contents.matchAll(/\(command:(lambdaDevtools\.[\w.]+)\)/g)].map(m => m[1]));
  assert.ok(linkedCommands.length > 0);
  for (const command of [...menuCommands, ...linkedCommands]) assert.ok((ids as string[]).includes(command), `${command} is not in commandIds`);
});
