// The `devtools.*` settings, and how they reach the backend: as `devtools serve` options.

/** The part of a WorkspaceConfiguration this module reads (so tests can pass a plain object). */
export interface SettingsSource {
  get<T>(key: string): T | undefined;
}

export interface DevToolsSettings {
  /** The backend: a `devtools` executable or `devtools.dll` (run with `dotnetPath`); empty: found automatically. */
  cliPath: string;
  dotnetPath: string;
  /** The SAM template or a folder holding one, relative to the workspace folder; empty: found in the workspace. */
  templatePath: string;
  keepWarmSeconds: number;
  concurrencyLimit: number;
  freeze: boolean;
  parameterOverrides: Record<string, string>;
  /** Local folders of layers the template names by ARN (`--layer-map ARN=DIR`), relative to the workspace folder. */
  layerMap: Record<string, string>;
  envVarsFile: string;
  region: string;
  /** Also serve the Lambda Invoke HTTP API on this loopback port (0: any free port); null: not at all. */
  invokeApiPort: number | null;
  /** Serve the template's API routes on this loopback port, its function URLs on the ports after it (0: any free ports); null: not at all. */
  apiPort: number | null;
  /** Results at most this long are shown in a notification instead of an editor. */
  inlineResultMaxLength: number;
  /** Reveal the Lambda Lifecycle output when an invoke starts. */
  revealLifecycleLog: boolean;
}

/** Settings that only take effect when the backend starts: changing one asks for a restart. */
export const backendSettingKeys = [
  'cliPath',
  'dotnetPath',
  'templatePath',
  'keepWarmSeconds',
  'concurrencyLimit',
  'freeze',
  'parameterOverrides',
  'layerMap',
  'envVarsFile',
  'region',
  'invokeApiPort',
  'apiPort',
] as const;

export const defaults: DevToolsSettings = {
  cliPath: '',
  dotnetPath: 'dotnet',
  templatePath: '',
  keepWarmSeconds: 600,
  concurrencyLimit: 10,
  freeze: true,
  parameterOverrides: {},
  layerMap: {},
  envVarsFile: '',
  region: '',
  invokeApiPort: null,
  // Served by default, so the API Routes view has URLs out of the box.
  apiPort: 0,
  inlineResultMaxLength: 120,
  revealLifecycleLog: true,
};

export function readSettings(source: SettingsSource): DevToolsSettings {
  const text = (key: keyof DevToolsSettings) => {
    const value = source.get<string>(key);
    return typeof value === 'string' ? value.trim() : (defaults[key] as string);
  };
  const integer = (key: keyof DevToolsSettings, min: number) => {
    const value = source.get<number>(key);
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(min, Math.round(value)) : (defaults[key] as number);
  };
  const stringMap = (key: 'parameterOverrides' | 'layerMap') => {
    const value = source.get<Record<string, unknown>>(key);
    return Object.fromEntries(
      Object.entries(value && typeof value === 'object' ? value : {})
        .filter(([, item]) => item !== null && item !== undefined)
        .map(([name, item]) => [name, String(item)]),
    );
  };
  // null (set so) means "not served"; anything but a port number means the default.
  const port = (key: 'invokeApiPort' | 'apiPort') => {
    const value = source.get<number | null>(key);
    if (value === null) return null;
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65535 ? value : defaults[key];
  };
  return {
    cliPath: text('cliPath'),
    dotnetPath: text('dotnetPath') || defaults.dotnetPath,
    templatePath: text('templatePath'),
    keepWarmSeconds: integer('keepWarmSeconds', 1),
    concurrencyLimit: integer('concurrencyLimit', 1),
    freeze: source.get<boolean>('freeze') ?? defaults.freeze,
    parameterOverrides: stringMap('parameterOverrides'),
    layerMap: stringMap('layerMap'),
    envVarsFile: text('envVarsFile'),
    region: text('region'),
    invokeApiPort: port('invokeApiPort'),
    apiPort: port('apiPort'),
    inlineResultMaxLength: integer('inlineResultMaxLength', 0),
    revealLifecycleLog: source.get<boolean>('revealLifecycleLog') ?? defaults.revealLifecycleLog,
  };
}

/**
 * The `devtools serve` command line for the settings: stdio for the language client, the template, and
 * every setting the backend takes. Paths are already absolute (`resolvePath` makes relative ones so).
 */
export function serveArguments(settings: DevToolsSettings, templatePath: string, resolvePath: (path: string) => string): string[] {
  const args = ['serve', '--stdio', '--template', templatePath];
  args.push('--keep-warm', String(settings.keepWarmSeconds));
  args.push('--concurrency', String(settings.concurrencyLimit));
  if (!settings.freeze) args.push('--no-freeze');
  const overrides = Object.entries(settings.parameterOverrides);
  if (overrides.length > 0) args.push('--parameter-overrides', ...overrides.map(([key, value]) => `${key}=${value}`));
  for (const [arn, folder] of Object.entries(settings.layerMap)) args.push('--layer-map', `${arn}=${resolvePath(folder)}`);
  if (settings.envVarsFile) args.push('--env-vars', resolvePath(settings.envVarsFile));
  if (settings.region) args.push('--region', settings.region);
  if (settings.invokeApiPort !== null) args.push('--invoke-port', String(settings.invokeApiPort));
  if (settings.apiPort !== null) args.push('--api-port', String(settings.apiPort));
  return args;
}

/** Settings the running backend does not have (it was started by another client, or before a change). */
export function differencesFromBackend(settings: DevToolsSettings, limits: { keepWarmSeconds?: number; concurrencyLimit?: number }): string[] {
  const differences: string[] = [];
  if (limits.keepWarmSeconds !== undefined && limits.keepWarmSeconds !== settings.keepWarmSeconds)
    differences.push(`keep-warm ${limits.keepWarmSeconds} s (setting: ${settings.keepWarmSeconds} s)`);
  if (limits.concurrencyLimit !== undefined && limits.concurrencyLimit !== settings.concurrencyLimit)
    differences.push(`concurrency limit ${limits.concurrencyLimit} (setting: ${settings.concurrencyLimit})`);
  return differences;
}
