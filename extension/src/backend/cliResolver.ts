import * as fs from 'node:fs';
import * as path from 'node:path';

/** How to start the backend: `command args...` (the `serve` arguments come after). */
export interface CliCommand {
  command: string;
  args: string[];
  /** Where it came from, for messages: "setting devtools.cliPath", "repository build", "PATH". */
  source: string;
  /** True when the command is the .NET host running devtools.dll (so a missing `dotnet` is the problem to report). */
  needsDotnet: boolean;
}

export interface CliResolution {
  cli?: CliCommand;
  /** Why no backend could be found, with what to do about it. */
  error?: string;
}

/** What the resolver may ask of the machine (real file system and PATH by default; tests pass fakes). */
export interface MachineProbe {
  isFile(file: string): boolean;
  /** The subdirectories of a directory (names), empty when it does not exist. */
  directories(directory: string): string[];
  modifiedTime(file: string): number;
  /** The full path of an executable found on PATH, or undefined. */
  which(executable: string): string | undefined;
}

export interface CliResolverInput {
  /** `devtools.cliPath`, possibly relative to the first workspace folder, possibly starting with `~`. */
  cliPathSetting: string;
  dotnetPath: string;
  /** Folders to search upwards from for a repository build (the workspace folders, the extension's folder). */
  searchFrom: string[];
  homeDirectory: string;
}

const repositoryBuild = ['src', 'DevTools.Cli', 'bin'];
const targetFramework = 'net10.0';
const dllName = 'devtools.dll';

/**
 * Finds the backend: the `devtools.cliPath` setting; else the repository's own build
 * (`src/DevTools.Cli/bin/<configuration>/net10.0/devtools.dll`, the newest, found upwards from the workspace or the
 * extension), run with `dotnet`; else `devtools` on PATH (the .NET tool). A `.dll` always runs with `dotnet`.
 */
export function resolveCli(input: CliResolverInput, probe: MachineProbe = realMachine): CliResolution {
  const base = input.searchFrom[0] ?? process.cwd();
  if (input.cliPathSetting) {
    const configured = absolute(input.cliPathSetting, base, input.homeDirectory);
    if (!probe.isFile(configured))
      return { error: `The Lambda DevTools backend set in devtools.cliPath does not exist: ${configured}` };
    return withDotnet(configured, 'setting devtools.cliPath', input, probe);
  }
  const built = findRepositoryBuild(input.searchFrom, probe);
  if (built) return withDotnet(built, 'repository build', input, probe);
  const onPath = probe.which('devtools');
  if (onPath) return { cli: { command: onPath, args: [], source: 'PATH', needsDotnet: false } };
  return {
    error:
      'The Lambda DevTools backend (devtools) was not found. Build it (dotnet build src/DevTools.Cli), install it ' +
      '(dotnet tool install --global DevTools.Cli), or set devtools.cliPath to devtools or devtools.dll.',
  };
}

function withDotnet(cliPath: string, source: string, input: CliResolverInput, probe: MachineProbe): CliResolution {
  if (!cliPath.toLowerCase().endsWith('.dll')) return { cli: { command: cliPath, args: [], source, needsDotnet: false } };
  const dotnet = path.isAbsolute(input.dotnetPath) ? (probe.isFile(input.dotnetPath) ? input.dotnetPath : undefined) : probe.which(input.dotnetPath);
  if (!dotnet)
    return {
      error:
        `The .NET runtime (${input.dotnetPath}) was not found, and the Lambda DevTools backend needs it: install .NET 10 ` +
        `(https://dotnet.microsoft.com/download) or set devtools.dotnetPath.`,
    };
  return { cli: { command: dotnet, args: [cliPath], source, needsDotnet: true } };
}

/** The newest `src/DevTools.Cli/bin/<configuration>/net10.0/devtools.dll` in a folder or any folder above it. */
export function findRepositoryBuild(searchFrom: string[], probe: MachineProbe): string | undefined {
  for (const start of searchFrom) {
    for (let directory = path.resolve(start); ; directory = path.dirname(directory)) {
      const bin = path.join(directory, ...repositoryBuild);
      const candidates = probe
        .directories(bin)
        .map(configuration => path.join(bin, configuration, targetFramework, dllName))
        .filter(file => probe.isFile(file))
        .sort((a, b) => probe.modifiedTime(b) - probe.modifiedTime(a));
      if (candidates.length > 0) return candidates[0];
      if (path.dirname(directory) === directory) break;
    }
  }
  return undefined;
}

function absolute(file: string, base: string, home: string): string {
  if (file === '~' || file.startsWith('~/')) return path.join(home, file.slice(1));
  return path.resolve(base, file);
}

export const realMachine: MachineProbe = {
  isFile: file => {
    try {
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  },
  directories: directory => {
    try {
      return fs.readdirSync(directory, { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name);
    } catch {
      return [];
    }
  },
  modifiedTime: file => {
    try {
      return fs.statSync(file).mtimeMs;
    } catch {
      return 0;
    }
  },
  which: executable => {
    const extensions = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
    for (const directory of (process.env.PATH ?? '').split(path.delimiter)) {
      if (!directory) continue;
      for (const extension of extensions) {
        const candidate = path.join(directory, executable + extension);
        try {
          fs.accessSync(candidate, fs.constants.X_OK);
          if (fs.statSync(candidate).isFile()) return candidate;
        } catch {
          // not here
        }
      }
    }
    return undefined;
  },
};
