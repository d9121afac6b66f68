import type { LifecycleEventNotification } from '../backend/protocol.generated';

export type EventListener = (event: LifecycleEventNotification) => void;

/**
 * Fans the backend's `lambda/event` stream out to every part of the UI that renders it (the Output channel,
 * the environments view, the status bar). A listener that throws does not keep the others from seeing the event.
 */
export class EventDispatcher {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  /** Adds a listener; the returned object removes it (a VS Code Disposable). */
  subscribe(listener: EventListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispatch(event: LifecycleEventNotification): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
