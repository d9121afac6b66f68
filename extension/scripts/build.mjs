// Type-checks the extension, then bundles it with esbuild into dist/extension.js (vscode-languageclient included,
// so the .vsix needs no node_modules). With --tests, also bundles each unit test into out/test/unit/ (a unit test
// that pulls in the `vscode` module fails: unit tests cover the extension's VS Code-free logic).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const withTests = process.argv.includes('--tests');

execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', root], { stdio: 'inherit' });

const common = { bundle: true, platform: 'node', target: 'node18', format: 'cjs', sourcemap: true, logLevel: 'warning' };
await build({ ...common, entryPoints: [join(root, 'src/extension.ts')], outfile: join(root, 'dist/extension.js'), external: ['vscode'] });

if (withTests) {
  const testDir = join(root, 'test/unit');
  rmSync(join(root, 'out'), { recursive: true, force: true });
  const entryPoints = readdirSync(testDir).filter(f => f.endsWith('.test.ts')).map(f => join(testDir, f));
  await build({ ...common, format: 'esm', outExtension: { '.js': '.mjs' }, entryPoints, outdir: join(root, 'out/test/unit'), packages: 'external' });
}
