import type { EnvironmentDescription, EnvironmentState, FunctionDescription, LifecycleEventNotification } from '../backend/protocol.generated';

/** One environment as the view shows it. */
export interface EnvironmentEntry {
  id: string;
  logicalId: string;
  state: EnvironmentState;
  invocations: number;
  maxMemoryUsedMb: number;
  createdAt: number;
  lastUsedAt: number;
  pid?: number;
  isolation?: string;
  tmpUsedBytes?: number;
  tmpMode?: string;
  /** The extensions registered in it (from the environments list). */
  extensions?: string[];
}

/** One function of the template with its live environments. */
export interface FunctionEntry {
  logicalId: string;
  functionName: string;
  runtime?: string;
  memorySizeMb?: number;
  ephemeralStorageMb?: number;
  runnable: boolean;
  environments: EnvironmentEntry[];
}

/** States in which an environment would serve the next invoke warm (or is serving one): as the CodeLens counts. */
const warmStates: ReadonlySet<EnvironmentState> = new Set(['frozen', 'idle', 'busy']);

/**
 * The environments view's model: the template's functions and their environments, kept live from the event
 * stream (`environment.created`, `platform.start`, `platform.report`, `environment.frozen`, ...), and reset to the
 * backend's own list (`lambda/environments/list`) whenever one is fetched.
 */
export class EnvironmentModel {
  private functions: FunctionDescription[] = [];
  private readonly environments = new Map<string, EnvironmentEntry>();
  /** Event `functionName` (a function name) to logical id; they differ when the template sets FunctionName. */
  private readonly logicalIds = new Map<string, string>();

  setFunctions(functions: FunctionDescription[]): void {
    this.functions = [...functions];
    this.logicalIds.clear();
    for (const f of functions) {
      this.logicalIds.set(f.functionName, f.logicalId);
      this.logicalIds.set(f.logicalId, f.logicalId);
    }
  }

  /** Replaces every environment with the backend's list. */
  setEnvironments(environments: EnvironmentDescription[]): void {
    this.environments.clear();
    for (const e of environments) {
      this.environments.set(e.id, {
        id: e.id,
        logicalId: e.logicalId,
        state: e.state,
        invocations: e.invocations,
        maxMemoryUsedMb: e.maxMemoryUsedMb,
        createdAt: Date.parse(e.createdAt),
        lastUsedAt: Date.parse(e.lastUsedAt),
        pid: e.pid,
        isolation: e.isolation,
        tmpUsedBytes: e.tmpUsedBytes,
        tmpMode: e.tmpMode || undefined,
        extensions: e.extensions ?? [],
      });
    }
  }

  /** Forgets everything (the backend stopped). */
  clear(): void {
    this.functions = [];
    this.logicalIds.clear();
    this.environments.clear();
  }

  /** Applies one lifecycle event; true when the view should change. */
  apply(event: LifecycleEventNotification): boolean {
    const id = event.environmentId;
    if (!id) return false;
    const time = Date.parse(event.time);
    const at = Number.isNaN(time) ? Date.now() : time;
    if (event.type === 'environment.created') {
      this.environments.set(id, {
        id,
        logicalId: this.logicalIds.get(event.functionName) ?? event.functionName,
        state: 'initializing',
        invocations: 0,
        maxMemoryUsedMb: 0,
        createdAt: at,
        lastUsedAt: at,
        isolation: typeof event.record.isolation === 'string' ? event.record.isolation : undefined,
        tmpMode: typeof event.record.tmpMode === 'string' && event.record.tmpMode ? event.record.tmpMode : undefined,
      });
      return true;
    }
    const environment = this.environments.get(id);
    if (!environment) return false;
    switch (event.type) {
      case 'environment.retired':
        this.environments.delete(id);
        return true;
      case 'environment.processStarted':
        environment.pid = typeof event.record.pid === 'number' ? event.record.pid : environment.pid;
        return true;
      case 'platform.start':
      case 'environment.thawed':
        environment.state = 'busy';
        environment.lastUsedAt = at;
        return true;
      case 'platform.report': {
        environment.invocations += 1;
        environment.lastUsedAt = at;
        const metrics = event.record.metrics as { maxMemoryUsedMB?: number } | undefined;
        if (typeof metrics?.maxMemoryUsedMB === 'number')
          environment.maxMemoryUsedMb = Math.max(environment.maxMemoryUsedMb, metrics.maxMemoryUsedMB);
        return true;
      }
      case 'environment.frozen':
        environment.state = 'frozen';
        environment.lastUsedAt = at;
        return true;
      case 'environment.reset':
        environment.state = 'idle';
        environment.pid = undefined;
        return true;
      default:
        return false;
    }
  }

  /** The template's functions in template order, each with its environments (oldest first); functions the
   *  template no longer has but that still have environments come last. */
  tree(): FunctionEntry[] {
    const byFunction = new Map<string, EnvironmentEntry[]>();
    for (const e of this.environments.values()) {
      const list = byFunction.get(e.logicalId) ?? [];
      list.push(e);
      byFunction.set(e.logicalId, list);
    }
    const sorted = (list: EnvironmentEntry[] | undefined) => (list ?? []).sort((a, b) => a.createdAt - b.createdAt);
    const entries: FunctionEntry[] = this.functions.map(f => ({
      logicalId: f.logicalId,
      functionName: f.functionName,
      runtime: f.runtime,
      memorySizeMb: f.memorySizeMb,
      ephemeralStorageMb: f.ephemeralStorageMb,
      runnable: f.runnable,
      environments: sorted(byFunction.get(f.logicalId)),
    }));
    for (const [logicalId, list] of byFunction) {
      if (!this.functions.some(f => f.logicalId === logicalId))
        entries.push({ logicalId, functionName: logicalId, runnable: false, environments: sorted(list) });
    }
    return entries;
  }

  /** The template's function with this logical id or function name, as last listed. */
  functionNamed(name: string): FunctionDescription | undefined {
    return this.functions.find(f => f.logicalId === name || f.functionName === name);
  }

  get(environmentId: string): EnvironmentEntry | undefined {
    return this.environments.get(environmentId);
  }

  /** Environments that would serve an invoke warm, or are serving one. */
  warmCount(): number {
    let count = 0;
    for (const e of this.environments.values()) if (warmStates.has(e.state)) count++;
    return count;
  }

  busyCount(): number {
    let count = 0;
    for (const e of this.environments.values()) if (e.state === 'busy' || e.state === 'initializing') count++;
    return count;
  }
}

/** "3 invocations · 44 MB peak · idle for 12 s": what the view shows next to an environment (after its state). */
export function describeEnvironment(environment: EnvironmentEntry, now: number): string {
  const parts = [environment.invocations === 1 ? '1 invocation' : `${environment.invocations} invocations`];
  if (environment.maxMemoryUsedMb > 0) parts.push(`${environment.maxMemoryUsedMb} MB peak`);
  if (environment.state === 'frozen' || environment.state === 'idle')
    parts.push(`idle for ${formatDuration(now - environment.lastUsedAt)}`);
  return parts.join(' · ');
}

/** "nodejs20.x · 256 MB · 2 warm": what the view shows next to a function. */
export function describeFunction(entry: FunctionEntry): string {
  const parts: string[] = [];
  if (entry.runtime) parts.push(entry.runtime);
  if (entry.memorySizeMb) parts.push(`${entry.memorySizeMb} MB`);
  const warm = entry.environments.filter(e => warmStates.has(e.state)).length;
  if (warm > 0) parts.push(`${warm} warm`);
  if (!entry.runnable && entry.runtime) parts.push('not runnable here');
  return parts.join(' · ');
}

/** "own disk (512 MB)": what an environment's /tmp is, for its tooltip; undefined when the backend did not say. */
export function describeTmp(tmpMode: string | undefined, ephemeralStorageMb?: number): string | undefined {
  const size = ephemeralStorageMb ? `${ephemeralStorageMb} MB` : '';
  switch (tmpMode) {
    case undefined:
    case '':
      return undefined;
    case 'private-disk':
      return size ? `own disk (${size})` : 'own disk';
    case 'private-mount':
      return size ? `tmpfs (${size}, counts as memory)` : 'tmpfs (counts as memory)';
    case 'directory':
      return 'directory (size not enforced)';
    default:
      return tmpMode;
  }
}

export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The status bar's text: the warm environment count. */
export function statusText(warm: number, busy: number): string {
  const base = warm === 1 ? 'λ 1 warm' : `λ ${warm} warm`;
  return busy > 0 ? `${base} (${busy} busy)` : base;
}
