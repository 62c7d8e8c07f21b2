import { TenonError, asyncContextFrameEnabled, type ApplicationContext, type Logger } from '@tenon/core';
import type { Codec } from '../codec/codec';
import {
  InvalidPayloadError,
  MessageForbiddenError,
  UndecodableMessageError,
} from '../errors/runtime.errors';
import { backoffDelay } from '../transport/retry-policy';
import { HANDLED, HEADER, type Delivery, type RequestDelivery } from '../transport/transport';
import type { HandlerDefinition } from './handler-definition';
import { globalEnhancers, type GlobalEnhancers } from './handler-enhancers';
import { HandlerInvoker } from './handler-invoker';
import { DeliveryContext, MessageContext } from './message-context';
import type { MessageObserver } from './message-observer';

/** Runs a handler once per message with the "effectively once" inbox; see `inbox/inbox-store.ts`. */
export interface InboxRunner {
  /** Runs `fn` unless `messageId` was already handled by `group`; false when it was skipped. */
  runOnce(
    group: string,
    messageId: string,
    fn: () => Promise<unknown>,
  ): Promise<{ ran: boolean; result?: unknown }>;
}

/** Payload problems and guard refusals are dead-lettered at once: a retry cannot change them. */
function isPermanent(error: unknown): boolean {
  return (
    error instanceof InvalidPayloadError ||
    error instanceof UndecodableMessageError ||
    error instanceof MessageForbiddenError
  );
}

function describe(error: unknown): string {
  if (error instanceof TenonError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** A value the handler returned that must be awaited: a promise or another thenable. */
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Turns deliveries into handler calls: decode, open a request scope (unless `requestScope: 'auto'`
 * finds none needed), validate, call, then settle
 * (ack after success; retry with backoff or dead-letter after a failure) and report the outcome.
 *
 * The path of an event whose handler needs no scope and no inbox is written for the cost per
 * message (the core NATS transport is held to 0.9x the bare client): no async function, no
 * closure and no promise of its own beyond the ack's, a handler that returns a value (not a
 * promise) is not awaited, and the outcome object is built only when someone listens.
 */
export class MessageDispatcher {
  /** Handlers running (events and requests); `drain()` waits for it to reach 0. */
  private running = 0;
  private readonly idle: Array<() => void> = [];
  private globals: { value: GlobalEnhancers | undefined } | undefined;

  constructor(
    private readonly app: ApplicationContext,
    private readonly codec: Codec,
    private readonly observer: MessageObserver,
    private readonly logger: Logger,
    private readonly inbox: () => InboxRunner,
    private readonly requestScope: 'always' | 'auto' = 'auto',
    /** The transport delivers at most once (core NATS): a failure is final, nothing to retry. */
    private readonly atMostOnce = false,
  ) {}

  /** Handlers still running. */
  get inFlight(): number {
    return this.running;
  }

  /** Resolves when every running handler has settled, or after `timeoutMs`; false on timeout. */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.running === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const all = new Promise<true>((resolve) => this.idle.push(() => resolve(true)));
    const done = await Promise.race([all, timedOut]);
    clearTimeout(timer);
    return done;
  }

  // Each handler run ends here exactly once, however it ended.
  private finished(): void {
    if (--this.running === 0 && this.idle.length) for (const wake of this.idle.splice(0)) wake();
  }

  // Resolved at the first handler, at bootstrap: the APP_* providers exist by then.
  private appEnhancers(): GlobalEnhancers | undefined {
    return (this.globals ??= { value: globalEnhancers(this.app) }).value;
  }

  // Decided at boot, per handler: with 'auto', every message where AsyncContextFrame makes a
  // scope cheap (Node 24+), else only the handlers whose class is not a singleton (resolved per
  // message) or injects a request-scoped provider at any depth; a handler with enhancers keeps a
  // scope when anything in the application is request-scoped (they are not looked into one by one).
  private scoped(handler: HandlerDefinition, invoker: HandlerInvoker): boolean {
    if (this.requestScope !== 'auto' || asyncContextFrameEnabled()) return true;
    const { owner } = handler;
    return (
      owner.instance === undefined ||
      this.app.needsRequestScope(owner.token, owner.module.context) ||
      (invoker.hasEnhancers && this.app.usesRequestScope)
    );
  }

  eventHandler(handler: HandlerDefinition): (delivery: Delivery) => Promise<void> {
    const invoker = new HandlerInvoker(handler, this.appEnhancers());
    const scoped = this.scoped(handler, invoker);
    if (scoped || handler.idempotent)
      return (delivery) => this.handleEventInScope(handler, invoker, scoped, delivery);
    return (delivery) => this.handleEvent(handler, invoker, delivery);
  }

  requestHandler(handler: HandlerDefinition): (request: RequestDelivery) => Promise<void> {
    const invoker = new HandlerInvoker(handler, this.appEnhancers());
    const scoped = this.scoped(handler, invoker);
    return (request) => this.handleRequest(handler, invoker, scoped, request);
  }

  private decode(subject: string, body: Uint8Array): unknown {
    try {
      return this.codec.decode(body);
    } catch (error) {
      throw new UndecodableMessageError(subject, this.codec.name, error);
    }
  }

  private context(handler: HandlerDefinition, delivery: Delivery): MessageContext {
    return new DeliveryContext(handler.metadata.subject, handler.group, delivery);
  }

  // An event with neither a request scope nor the inbox: decoded and handled in this call.
  private handleEvent(
    handler: HandlerDefinition,
    invoker: HandlerInvoker,
    delivery: Delivery,
  ): Promise<void> {
    const started = performance.now();
    this.running++;
    const context = this.context(handler, delivery);
    let payload: unknown;
    let result: unknown;
    try {
      payload = this.decode(handler.metadata.subject, delivery.body);
      result = invoker.run(payload, context);
    } catch (error) {
      return this.eventFailed(handler, delivery, context, payload, started, error);
    }
    if (!isThenable(result))
      return this.eventHandled(handler, delivery, context, payload, started, result, true);
    return Promise.resolve(result).then(
      (value) => this.eventHandled(handler, delivery, context, payload, started, value, true),
      (error: unknown) => this.eventFailed(handler, delivery, context, payload, started, error),
    );
  }

  // An event in a request scope of its own and/or through the inbox (@Idempotent).
  private async handleEventInScope(
    handler: HandlerDefinition,
    invoker: HandlerInvoker,
    scoped: boolean,
    delivery: Delivery,
  ): Promise<void> {
    const started = performance.now();
    this.running++;
    const { subject } = handler.metadata;
    const context = this.context(handler, delivery);
    // Set inside the scope, read after it.
    const state: { payload: unknown; ran: boolean } = { payload: undefined, ran: true };
    let result: unknown;
    try {
      // A decoding error is thrown synchronously out of `handle`, into the catch below.
      const handle = async (): Promise<unknown> => {
        const payload = (state.payload = this.decode(subject, delivery.body));
        if (!handler.idempotent) return invoker.run(payload, context);
        const outcome = await this.inbox().runOnce(handler.group, delivery.id, async () =>
          invoker.run(payload, context),
        );
        state.ran = outcome.ran;
        return outcome.result;
      };
      result = await (scoped
        ? this.app.runInRequestScope(handle, {
            id: delivery.id,
            logBindings: { subject, messageId: delivery.id },
          })
        : handle());
    } catch (error) {
      return this.eventFailed(handler, delivery, context, state.payload, started, error);
    }
    return this.eventHandled(handler, delivery, context, state.payload, started, result, state.ran);
  }

  // The handler returned: acknowledged only now (a crash before the ack means the broker
  // delivers it again), unless the handler settled it itself.
  private eventHandled(
    handler: HandlerDefinition,
    delivery: Delivery,
    context: MessageContext,
    payload: unknown,
    started: number,
    result: unknown,
    ran: boolean,
  ): Promise<void> {
    const outcome = ran ? 'handled' : 'skipped-duplicate';
    // Nothing to acknowledge on an at-most-once transport: the event ends in this call, without
    // the promise and the turn an ack would take.
    if (context.settled || this.atMostOnce) {
      this.reportEvent(handler, delivery, payload, started, outcome, result, undefined);
      this.finished();
      return HANDLED;
    }
    let acked: Promise<void>;
    try {
      acked = delivery.ack();
    } catch (error) {
      return this.eventFailed(handler, delivery, context, payload, started, error);
    }
    return acked.then(
      () => {
        this.reportEvent(handler, delivery, payload, started, outcome, result, undefined);
        this.finished();
      },
      (error: unknown) => this.eventFailed(handler, delivery, context, payload, started, error),
    );
  }

  // The handler (or its decoding, or the ack) failed: retried or dead-lettered, logged, reported.
  private async eventFailed(
    handler: HandlerDefinition,
    delivery: Delivery,
    context: MessageContext,
    payload: unknown,
    started: number,
    error: unknown,
  ): Promise<void> {
    const { subject } = handler.metadata;
    try {
      if (context.settled) {
        this.logger.error(`${handler.label} failed after settling its message on '${subject}'`, {
          err: error,
        });
        this.reportEvent(handler, delivery, payload, started, 'handled', undefined, error);
        return;
      }
      const last =
        this.atMostOnce || isPermanent(error) || delivery.deliveryCount >= handler.retry.maxDeliveries;
      try {
        if (last) await delivery.deadLetter(describe(error));
        else await delivery.retry(backoffDelay(handler.retry, delivery.deliveryCount));
      } catch (settleError) {
        // The broker will deliver it again (unacknowledged): at least once still holds.
        this.logger.error(`could not settle a failed message on '${subject}'`, { err: settleError });
      }
      this.logger.warn(
        `${handler.label} failed on '${subject}' (delivery ${delivery.deliveryCount}); ${this.atMostOnce ? 'dropped (the transport delivers at most once)' : last ? 'dead-lettered' : 'will retry'}`,
        {
          err: error,
        },
      );
      this.reportEvent(
        handler,
        delivery,
        payload,
        started,
        last ? 'dead-lettered' : 'retried',
        undefined,
        error,
      );
    } finally {
      this.finished();
    }
  }

  private reportEvent(
    handler: HandlerDefinition,
    delivery: Delivery,
    payload: unknown,
    started: number,
    outcome: 'handled' | 'retried' | 'dead-lettered' | 'skipped-duplicate',
    result: unknown,
    error: unknown,
  ): void {
    if (!this.observer.listening) return;
    this.observer.report({
      kind: 'event',
      subject: handler.metadata.subject,
      group: handler.group,
      messageId: delivery.id,
      deliveryCount: delivery.deliveryCount,
      outcome,
      payload,
      ...(error === undefined ? { result } : { error }),
      durationMs: performance.now() - started,
    });
  }

  private async handleRequest(
    handler: HandlerDefinition,
    invoker: HandlerInvoker,
    scoped: boolean,
    request: RequestDelivery,
  ): Promise<void> {
    const started = performance.now();
    this.running++;
    try {
      await this.answer(handler, invoker, scoped, request, started);
    } finally {
      this.finished();
    }
  }

  private async answer(
    handler: HandlerDefinition,
    invoker: HandlerInvoker,
    scoped: boolean,
    request: RequestDelivery,
    started: number,
  ): Promise<void> {
    const { subject } = handler.metadata;
    const context = new MessageContext(subject, request.headers, request.id, 1, undefined, undefined);
    let payload: unknown;
    let reply: { body: Uint8Array; headers: Record<string, string> };
    let failure: unknown;
    let result: unknown;
    try {
      const handle = async (): Promise<unknown> => {
        payload = this.decode(subject, request.body);
        return invoker.run(payload, context);
      };
      result = await (scoped
        ? this.app.runInRequestScope(handle, {
            id: request.id,
            logBindings: { subject, messageId: request.id },
          })
        : handle());
      reply = { body: this.codec.encode(result), headers: { [HEADER.CONTENT_TYPE]: this.codec.contentType } };
    } catch (error) {
      failure = error;
      const code = error instanceof TenonError ? error.code : undefined;
      const message = error instanceof Error ? error.message : String(error);
      reply = { body: new Uint8Array(0), headers: { [HEADER.ERROR]: JSON.stringify({ code, message }) } };
    }
    try {
      await request.respond(reply);
    } catch (error) {
      this.logger.error(`could not reply to a request on '${subject}'`, { err: error });
    }
    if (!this.observer.listening) return;
    this.observer.report({
      kind: 'request',
      subject,
      group: undefined,
      messageId: request.id,
      deliveryCount: 1,
      outcome: failure === undefined ? 'handled' : 'failed',
      payload,
      ...(failure === undefined ? { result } : { error: failure }),
      durationMs: performance.now() - started,
    });
  }
}
