import { WaitTimeoutError } from '../errors/runtime.errors';

/** What the runtime reports about each message it settles. */
export interface MessageOutcome {
  readonly kind: 'request' | 'event';
  readonly subject: string;
  readonly group: string | undefined;
  readonly messageId: string;
  readonly deliveryCount: number;
  /** handled: the handler returned; retried / dead-lettered: it threw (or the payload was invalid). */
  readonly outcome: 'handled' | 'retried' | 'dead-lettered' | 'skipped-duplicate' | 'failed';
  readonly payload: unknown;
  readonly result?: unknown;
  readonly error?: unknown;
  readonly durationMs: number;
}

type Listener = (outcome: MessageOutcome) => void;

/**
 * Reports what happened to each message (for metrics, logs and tests). `handled(subject)` is
 * what e2e tests await (also reached through `@tenon/testing`'s `waitForMessage`).
 *
 * @example
 * await client.emit('orders.created', { id: 1 });
 * const { payload } = await app.get(MessageObserver).handled('orders.created');
 */
export class MessageObserver {
  private readonly listeners = new Set<Listener>();

  /** Calls `listener` for every settled message until the returned function is called. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether anyone listens: the dispatcher builds no outcome for nobody. */
  get listening(): boolean {
    return this.listeners.size > 0;
  }

  report(outcome: MessageOutcome): void {
    for (const listener of this.listeners) {
      try {
        listener(outcome);
      } catch {
        // A listener's mistake must not change how the message was settled.
      }
    }
  }

  /**
   * Resolves with the next outcome on `subject` whose outcome is in `outcomes` (default: handled)
   * and that matches `predicate`; rejects with `TENON_MESSAGING_WAIT_TIMEOUT` after `timeout` ms.
   */
  handled(
    subject: string,
    options: {
      timeout?: number;
      outcomes?: readonly MessageOutcome['outcome'][];
      predicate?: (outcome: MessageOutcome) => boolean;
    } = {},
  ): Promise<MessageOutcome> {
    const timeout = options.timeout ?? 5000;
    const outcomes = options.outcomes ?? ['handled'];
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new WaitTimeoutError(subject, timeout));
      }, timeout);
      const unsubscribe = this.subscribe((o) => {
        if (o.subject !== subject || !outcomes.includes(o.outcome)) return;
        if (options.predicate && !options.predicate(o)) return;
        clearTimeout(timer);
        unsubscribe();
        resolve(o);
      });
    });
  }
}
