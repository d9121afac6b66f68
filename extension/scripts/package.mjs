// Packages the built extension (dist/) as a .vsix with @vscode/vsce, versioned from the repository's version.json:
// the files that ship are staged in .package/ with the computed version in their package.json, so the tracked
// manifest is never rewritten. Output: .artifacts/lambda-devtools-<version>.vsix (or the path given with --out).
import { createVSIX } from '@vscode/vsce';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeVersion } from './version.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const repository = join(root, '..');
const version = computeVersion(repository);
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? resolve(process.argv[outIndex + 1]) : join(repository, '.artifacts', `lambda-devtools-${version}.vsix`);

const stage = join(root, '.package');
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
manifest.version = version;
delete manifest.scripts;
delete manifest.devDependencies;
delete manifest.dependencies; // bundled into dist/extension.js
writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
for (const entry of ['dist', 'resources', 'README.md']) cpSync(join(root, entry), join(stage, entry), { recursive: true });
writeFileSync(join(stage, '.vscodeignore'), '**/*.map\n');

mkdirSync(dirname(out), { recursive: true });
await createVSIX({ cwd: stage, packagePath: out, dependencies: false, skipLicense: true, allowMissingRepository: true });
rmSync(stage, { recursive: true, force: true });
console.log(out);
