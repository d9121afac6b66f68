/** The part of VS Code's Memento (workspaceState) this module uses. */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

/** An event that was sent to a function, kept so it can be sent again. */
export interface RecentEvent {
  functionName: string;
  /** Where it came from: an event file's label, "untitled-1", "{}". */
  label: string;
  payload: string;
  /** The event file, when it came from one (re-read on reuse, so edits count). */
  file?: string;
  at: number;
}

const recentKey = 'lambdaDevtools.recentEvents';
const maxRecent = 10;

/** The last events sent, per workspace (newest first), and so the last invoke for "Invoke Again With Last Event". */
export class RecentEvents {
  constructor(private readonly store: StateStore) {}

  all(): RecentEvent[] {
    const stored = this.store.get<RecentEvent[]>(recentKey);
    return Array.isArray(stored) ? stored : [];
  }

  /** The recent events of one function, newest first. */
  of(functionName: string): RecentEvent[] {
    return this.all().filter(e => e.functionName === functionName);
  }

  last(): RecentEvent | undefined {
    return this.all()[0];
  }

  /** Records an invoke; the same function and event sent again moves to the front instead of repeating. */
  async remember(event: RecentEvent): Promise<void> {
    const same = (e: RecentEvent) => e.functionName === event.functionName && e.label === event.label && e.payload === event.payload;
    const kept = this.all().filter(e => !same(e));
    await this.store.update(recentKey, [event, ...kept].slice(0, maxRecent));
  }
}
