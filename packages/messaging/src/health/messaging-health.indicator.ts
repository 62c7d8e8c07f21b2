import { Inject, Injectable } from '@tenon/core';
import { MESSAGING_TRANSPORT } from '../module/messaging-options';
import { MessagingRuntime } from '../runtime/messaging-runtime';
import type { MessagingTransport } from '../transport/transport';

/** What a health check reports (the shape @tenon/http's HealthModule reads; no import of it). */
export interface MessagingHealthResult {
  status: 'up' | 'down';
  details: Record<string, unknown>;
}

/**
 * Readiness of the broker connection: down while the transport is disconnected (it reconnects
 * by itself). An application that imports @tenon/http's `HealthModule` gets it in
 * `/health/ready` by itself (it carries `AUTO_HEALTH_INDICATOR`); listing it in
 * `HealthModule.forRoot({ indicators })` as well checks it once.
 *
 * @example
 * const { status, details } = await app.get(MessagingHealthIndicator).check();
 * // { status: 'up', details: { transport: 'nats-jetstream', server: '127.0.0.1:4222', handlers: 3, inFlight: 0 } }
 */
@Injectable()
export class MessagingHealthIndicator {
  readonly name = 'messaging';

  constructor(
    @Inject(MESSAGING_TRANSPORT) private readonly transport: MessagingTransport,
    @Inject(MessagingRuntime) private readonly runtime: MessagingRuntime,
  ) {
    // @tenon/http's AUTO_HEALTH_INDICATOR, a registered symbol: no import of @tenon/http.
    Object.defineProperty(this, Symbol.for('tenon.autoHealthIndicator'), { value: true });
  }

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
