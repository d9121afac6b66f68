import * as path from 'node:path';

const templateNames = ['template.yaml', 'template.yml'];

/**
 * The template the backend serves: `devtools.templatePath` (relative to the first workspace folder); else
 * `template.yaml`/`.yml` at the root of a workspace folder; else the shallowest one found in the workspace
 * (`found`, e.g. `samples/template.yaml` when the repository itself is open). Undefined when there is none.
 */
export function locateTemplate(setting: string, folders: string[], isFile: (file: string) => boolean, found: string[]): string | undefined {
  if (setting) {
    const configured = path.resolve(folders[0] ?? process.cwd(), setting);
    return isFile(configured) ? configured : undefined;
  }
  for (const folder of folders) {
    for (const name of templateNames) {
      const candidate = path.join(folder, name);
      if (isFile(candidate)) return candidate;
    }
  }
  return [...found]
    .filter(file => templateNames.includes(path.basename(file)))
    .sort((a, b) => depth(a) - depth(b) || a.localeCompare(b))[0];
}

function depth(file: string): number {
  return file.split(/[\\/]/).length;
}

/** Whether a file is a SAM template by its name (the language server validates any such file). */
export function isTemplateFile(file: string): boolean {
  return templateNames.includes(path.basename(file).toLowerCase());
}
