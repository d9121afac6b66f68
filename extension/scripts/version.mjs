// The version of the repository's version.json as Nerdbank.GitVersioning computes it for the .NET assemblies:
// "major.minor" plus the version height (commits on the longest path from the commit that last changed version.json
// to HEAD, both counted). A shallow clone, or no git, has no height to count: it gets 0, as NB.GV does when its git
// engine is disabled.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function computeVersion(repositoryRoot) {
  const versionJson = JSON.parse(readFileSync(join(repositoryRoot, 'version.json'), 'utf8'));
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?(-[0-9A-Za-z.-]+)?$/.exec(versionJson.version);
  if (!match) throw new Error(`version.json: unsupported version "${versionJson.version}"`);
  const [, major, minor, patch, prerelease = ''] = match;
  if (patch !== undefined) return `${major}.${minor}.${patch}${prerelease}`;
  return `${major}.${minor}.${versionHeight(repositoryRoot)}${prerelease}`;
}

export function versionHeight(repositoryRoot) {
  const git = (...args) => execFileSync('git', args, { cwd: repositoryRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    if (git('rev-parse', '--is-shallow-repository') === 'true') return 0;
    const changed = git('log', '-1', '--format=%H', '--', 'version.json');
    if (!changed) return 0;
    const heights = new Map([[changed, 1]]);
    let head = changed;
    const lines = git('rev-list', '--parents', '--topo-order', '--reverse', '--ancestry-path', `${changed}..HEAD`).split('\n').filter(Boolean);
    for (const line of lines) {
      const [commit, ...parents] = line.split(' ');
      heights.set(commit, 1 + Math.max(0, ...parents.map(p => heights.get(p) ?? 0)));
      head = commit;
    }
    return heights.get(head);
  } catch {
    return 0;
  }
}

// Run as a script (`node scripts/version.mjs`): print it. (Compared by name: the unit tests bundle this module.)
if (process.argv[1] && process.argv[1].endsWith('version.mjs')) {
  console.log(computeVersion(join(dirname(fileURLToPath(import.meta.url)), '../..')));
}
