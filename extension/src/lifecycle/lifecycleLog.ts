import type { LifecycleEventNotification } from '../backend/protocol.generated';

/** Where lifecycle lines go: the "Lambda Lifecycle" Output channel (or a test's array). */
export interface LineSink {
  appendLine(line: string): void;
}

/**
 * The line the log shows for an event: the backend's own rendering (`text`, Lambda's format: START / END /
 * REPORT, INIT_START, the function's log lines, ENVIRONMENT ... lines), never re-formatted here. Events Lambda
 * prints nothing for have no line. One trailing line break is dropped (appendLine adds its own).
 */
export function lifecycleLine(event: LifecycleEventNotification): string | undefined {
  const text = event.text;
  if (text === undefined || text === null) return undefined;
  return text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
}

/** The live lifecycle of every invoke, from any client of the workspace's backend. */
export class LifecycleLog {
  constructor(private readonly sink: LineSink) {}

  append(event: LifecycleEventNotification): void {
    const line = lifecycleLine(event);
    if (line !== undefined) this.sink.appendLine(line);
  }

  /** A line of the extension's own (a backend start or stop), marked so it cannot be mistaken for Lambda's. */
  note(message: string): void {
    this.sink.appendLine(`[Lambda DevTools] ${message}`);
  }
}
