import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error a plain ES module script, bundled by esbuild
import { computeVersion } from '../../scripts/version.mjs';

const root = mkdtempSync(join(tmpdir(), 'devtools-version-'));
after(() => rmSync(root, { recursive: true, force: true }));
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8', stdio: 'pipe' }).trim();
const commit = (cwd: string, file: string, message: string) => {
  writeFileSync(join(cwd, file), message);
  git(cwd, 'add', '-A');
  git(cwd, 'commit', '-qm', message);
};

test("the version is version.json's plus NB.GV's height: the longest path since version.json changed", () => {
  const repository = join(root, 'full');
  execFileSync('mkdir', ['-p', repository]);
  git(repository, 'init', '-q');
  commit(repository, 'a.txt', 'before the version');
  writeFileSync(join(repository, 'version.json'), '{ "version": "1.4" }');
  commit(repository, 'b.txt', 'version 1.4'); // height 1
  commit(repository, 'c.txt', 'main 2');
  git(repository, 'checkout', '-qb', 'side', 'HEAD~1');
  commit(repository, 'd.txt', 'side 2');
  commit(repository, 'e.txt', 'side 3');
  commit(repository, 'f.txt', 'side 4');
  git(repository, 'checkout', '-q', 'main');
  git(repository, '-c', 'core.editor=true', 'merge', '-q', '--no-ff', 'side', '-m', 'merge');
  assert.equal(computeVersion(repository), '1.4.5'); // version, side 2, side 3, side 4, merge
});

test('a shallow clone has no height (0); a version with a patch number is taken as it is', () => {
  const shallow = join(root, 'shallow');
  git(root, 'clone', '-q', '--depth', '1', `file://${join(root, 'full')}`, shallow);
  assert.equal(computeVersion(shallow), '1.4.0');
  writeFileSync(join(shallow, 'version.json'), '{ "version": "2.0.7-beta" }');
  assert.equal(computeVersion(shallow), '2.0.7-beta');
});
