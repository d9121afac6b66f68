import * as fs from 'node:fs';
import * as path from 'node:path';

// The template rule of TemplateLocator (src/DevTools.Protocol/Workspace), mirrored: test/unit/templateLocator.test.ts
// runs this on the cases the .NET test runs (tests/Cases/template-locations.json).

const sourceNames = ['template.yaml', 'template.yml'];

/** What `sam build` writes: the template with each function's CodeUri pointing at its built copy. */
const samBuildTemplate = path.join('.aws-sam', 'build', 'template.yaml');

/** The template a folder stands for: the one `sam build` wrote in it, else `template.yaml`, else `template.yml`. */
export function findTemplateIn(folder: string): string | undefined {
  return [samBuildTemplate, ...sourceNames].map(name => path.join(folder, name)).find(isFile);
}

/** The full path of the template a file or folder stands for (relative to the current folder); undefined when none. */
export function resolveTemplate(fileOrFolder: string): string | undefined {
  const full = path.resolve(fileOrFolder.trim() === '' ? '.' : fileOrFolder);
  if (isDirectory(full)) return findTemplateIn(full);
  return isFile(full) ? full : undefined;
}

/** The workspace a template belongs to (its backend's): its folder, or for a template `sam build` wrote, the project's. */
export function workspaceOf(templatePath: string): string {
  const full = path.resolve(templatePath);
  if (isDirectory(full)) return full;
  const suffix = path.sep + samBuildTemplate;
  return full.endsWith(suffix) ? full.slice(0, -suffix.length) : path.dirname(full);
}

/**
 * The template the extension's backend serves: `devtools.templatePath` (a file or folder, relative to the first
 * workspace folder); else what a workspace folder stands for; else what the shallowest folder with a template in the
 * workspace stands for (`found`: the template files a search found, e.g. `samples/template.yaml` when the repository
 * itself is open). Undefined when there is none.
 */
export function locateTemplate(setting: string, folders: string[], found: string[]): string | undefined {
  if (setting) return resolveTemplate(path.resolve(folders[0] ?? process.cwd(), setting));
  const candidates = [...new Set(found.filter(isTemplateFile).map(file => path.dirname(file)))].sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
  for (const folder of [...folders, ...candidates]) {
    const template = findTemplateIn(folder);
    if (template) return template;
  }
  return undefined;
}

/** Whether a file is a SAM template by its name (the language server validates any such file). */
export function isTemplateFile(file: string): boolean {
  return sourceNames.includes(path.basename(file).toLowerCase());
}

function depth(folder: string): number {
  return folder.split(/[\\/]/).length;
}

function isFile(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

function isDirectory(folder: string): boolean {
  return fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
