/**
 * Whether a backend whose connection closed is started again: up to `maxRestarts` times within `windowMs`; one that
 * keeps stopping has failed, and the user is told instead.
 */
export class RestartPolicy {
  private restarts: number[] = [];

  constructor(
    private readonly maxRestarts = 3,
    private readonly windowMs = 3 * 60_000,
  ) {}

  /** True (and counted) when the backend may be started again now. */
  allowsRestart(now = Date.now()): boolean {
    this.restarts = this.restarts.filter(at => now - at < this.windowMs);
    if (this.restarts.length >= this.maxRestarts) return false;
    this.restarts.push(now);
    return true;
  }

  /** Forgets the restarts so far (the user restarted the backend). */
  reset(): void {
    this.restarts = [];
  }
}
