import type { Token } from '@tenon/core';
import type { InMemoryTransport, InMemoryTransportOptions, MessageOutcome } from '@tenon/messaging';
import { loadPeer } from '../util/load-peer';

/** Anything that looks tokens up: a `TestingModule`, an `ApplicationContext`, an `HttpApplication`. */
export interface TokenLookup {
  get<T>(token: Token<T>): T;
}

/** Options of `waitForMessage()`. */
export interface WaitForMessageOptions {
  /** How long to wait, in ms (default 5000). */
  readonly timeout?: number;
  /** Outcomes that end the wait (default `['handled']`; add `'dead-lettered'` to wait for failures). */
  readonly outcomes?: readonly MessageOutcome['outcome'][];
  /** Only an outcome for which this returns true ends the wait (e.g. a payload field). */
  readonly predicate?: (outcome: MessageOutcome) => boolean;
}

type Messaging = typeof import('@tenon/messaging');

/**
 * Resolves with the outcome of the next message on `subject` that the application settles
 * (handled by default), so e2e tests need no sleeps. Start waiting before the action that
 * publishes. Rejects with `TENON_MESSAGING_WAIT_TIMEOUT` when none comes in time.
 *
 * @example
 * const handled = waitForMessage(app, 'orders.created');
 * await app.inject({ method: 'POST', url: '/orders', payload: { sku: 'a' } });
 * expect((await handled).payload).toMatchObject({ sku: 'a' });
 */
export function waitForMessage(
  app: TokenLookup,
  subject: string,
  options: WaitForMessageOptions = {},
): Promise<MessageOutcome> {
  const messaging = loadPeer<Messaging>('@tenon/messaging', 'waitForMessage()');
  return app.get(messaging.MessageObserver).handled(subject, options);
}

/**
 * The in-memory transport of @tenon/messaging, for unit tests: `overrideProvider` is not needed,
 * pass it to `MessagingModule.forRoot({ transport: inMemoryTransport() })` in the test module.
 *
 * @example
 * const moduleRef = await Test.createTestingModule({
 *   imports: [MessagingModule.forRoot({ transport: inMemoryTransport() }), OrdersModule],
 * }).compile();
 */
export function inMemoryTransport(options: InMemoryTransportOptions = {}): InMemoryTransport {
  return loadPeer<Messaging>('@tenon/messaging', 'inMemoryTransport()').inMemory(options);
}
