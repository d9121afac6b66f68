import * as fs from 'node:fs';
import * as path from 'node:path';

export interface EventFile {
  /** Absolute path. */
  file: string;
  /** The path relative to the folder it was found under, for the quick pick. */
  label: string;
}

const maxDepth = 4;
const maxFiles = 200;

/** The folders whose JSON files are events: `events/` and `samples/events/` in each workspace folder, and `events/` beside the template. */
export function eventDirectories(workspaceFolders: string[], templatePath: string | undefined): string[] {
  const directories = workspaceFolders.flatMap(folder => [path.join(folder, 'events'), path.join(folder, 'samples', 'events')]);
  if (templatePath) directories.push(path.join(path.dirname(templatePath), 'events'));
  return [...new Set(directories.map(d => path.resolve(d)))];
}

/** Every `*.json` file under the event folders (bounded in depth and count), each once, labelled relative to `labelBase`. */
export function discoverEventFiles(directories: string[], labelBase: string): EventFile[] {
  const seen = new Set<string>();
  const files: EventFile[] = [];
  const walk = (directory: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (files.length >= maxFiles) return;
      const full = path.join(directory, entry.name);
      if (entry.isDirectory() && depth < maxDepth && entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full, depth + 1);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json') && !seen.has(full)) {
        seen.add(full);
        files.push({ file: full, label: path.relative(labelBase, full) || entry.name });
      }
    }
  };
  for (const directory of directories) walk(directory, 0);
  return files;
}

/**
 * The event files in the order the quick pick offers them for one function: files whose name matches the
 * function's code folder or name (`node-cjs.json` for `functions/node-cjs/`, `orders.json` for `OrdersFunction`)
 * first, then the others as found.
 */
export function rankEventFiles(files: EventFile[], logicalId: string, codeDirectory: string | undefined): EventFile[] {
  const wanted = new Set<string>();
  if (codeDirectory) wanted.add(normalise(path.basename(codeDirectory.replace(/[\\/]+$/, ''))));
  wanted.add(normalise(logicalId));
  wanted.add(normalise(logicalId.replace(/Function$/, '')));
  const score = (file: EventFile) => {
    const name = normalise(path.basename(file.file, path.extname(file.file)));
    if (wanted.has(name)) return 2;
    return [...wanted].some(w => w.length >= 3 && (name.includes(w) || w.includes(name))) ? 1 : 0;
  };
  return files
    .map((file, index) => ({ file, index, score: score(file) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(ranked => ranked.file);
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The event's JSON text, or the reason it is not an event (the backend would refuse it as InvalidRequestContent). */
export function readEvent(text: string): { payload?: string; error?: string } {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { payload: '{}' };
  try {
    JSON.parse(trimmed);
    return { payload: trimmed };
  } catch (error) {
    return { error: `not valid JSON: ${(error as Error).message}` };
  }
}
