import type { MessagingTransport } from '../transport/transport';
import type { MessagingRuntime } from '../runtime/messaging-runtime';

/** What a health check reports (the shape @tenon/http's HealthModule reads; no import of it). */
export interface MessagingHealthResult {
  status: 'up' | 'down';
  details: Record<string, unknown>;
}

/**
 * Readiness of the broker connection: down while the transport is disconnected (it reconnects
 * by itself). Give it to `HealthModule.forRoot({ indicators: [MessagingHealthIndicator] })`.
 *
 * @example
 * const { status, details } = await app.get(MessagingHealthIndicator).check();
 * // { status: 'up', details: { transport: 'nats-jetstream', server: '127.0.0.1:4222', handlers: 3, inFlight: 0 } }
 */
export class MessagingHealthIndicator {
  readonly name = 'messaging';

  constructor(
    private readonly transport: MessagingTransport,
    private readonly runtime: MessagingRuntime,
  ) {}

  async check(): Promise<MessagingHealthResult> {
    const { connected, details } = this.transport.status();
    return {
      status: connected ? 'up' : 'down',
      details: {
        ...details,
        handlers: this.runtime.handlers.length,
        inFlight: this.runtime.dispatcher.inFlight,
      },
    };
  }
}
