import { TenonError, asyncContextFrameEnabled, type ApplicationContext, type Logger } from '@tenon/core';
import type { Codec } from '../codec/codec';
import {
  InvalidPayloadError,
  MessageForbiddenError,
  UndecodableMessageError,
} from '../errors/runtime.errors';
import { backoffDelay } from '../transport/retry-policy';
import { HEADER, type Delivery, type RequestDelivery } from '../transport/transport';
import type { HandlerDefinition } from './handler-definition';
import { globalEnhancers, type GlobalEnhancers } from './handler-enhancers';
import { HandlerInvoker } from './handler-invoker';
import { MessageContext } from './message-context';
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

/**
 * Turns deliveries into handler calls: decode, open a request scope (unless `requestScope: 'auto'`
 * finds none needed), validate, call, then settle
 * (ack after success; retry with backoff or dead-letter after a failure) and report the outcome.
 */
export class MessageDispatcher {
  private readonly inflight = new Set<Promise<void>>();
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
    return this.inflight.size;
  }

  /** Resolves when every running handler has settled, or after `timeoutMs`; false on timeout. */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.inflight.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const all = (async () => {
      while (this.inflight.size) await Promise.allSettled([...this.inflight]);
      return true as const;
    })();
    const done = await Promise.race([all, timedOut]);
    clearTimeout(timer);
    return done;
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
    return (delivery) => this.track(this.handleEvent(handler, invoker, scoped, delivery));
  }

  requestHandler(handler: HandlerDefinition): (request: RequestDelivery) => Promise<void> {
    const invoker = new HandlerInvoker(handler, this.appEnhancers());
    const scoped = this.scoped(handler, invoker);
    return (request) => this.track(this.handleRequest(handler, invoker, scoped, request));
  }

  private track(work: Promise<void>): Promise<void> {
    this.inflight.add(work);
    void work.finally(() => this.inflight.delete(work));
    return work;
  }

  private decode(subject: string, body: Uint8Array): unknown {
    try {
      return this.codec.decode(body);
    } catch (error) {
      throw new UndecodableMessageError(subject, this.codec.name, error);
    }
  }

  private async handleEvent(
    handler: HandlerDefinition,
    invoker: HandlerInvoker,
    scoped: boolean,
    delivery: Delivery,
  ): Promise<void> {
    const started = performance.now();
    const { subject } = handler.metadata;
    const context = new MessageContext(
      subject,
      delivery.headers,
      delivery.id,
      delivery.deliveryCount,
      handler.group,
      delivery,
    );
    // Set inside the scope, read after it: no per-message closure beyond the scope's body.
    const state: { payload: unknown; ran: boolean } = { payload: undefined, ran: true };
    try {
      // A decoding error is thrown synchronously out of `handle`, into the catch below.
      const handle = (): Promise<unknown> => {
        const payload = (state.payload = this.decode(subject, delivery.body));
        if (!handler.idempotent) return invoker.run(payload, context);
        return this.inbox()
          .runOnce(handler.group, delivery.id, () => invoker.run(payload, context))
          .then((outcome) => {
            state.ran = outcome.ran;
            return outcome.result;
          });
      };
      const result = await (scoped
        ? this.app.runInRequestScope(handle, {
            id: delivery.id,
            logBindings: { subject, messageId: delivery.id },
          })
        : handle());
      // Acknowledged only now: a crash before this line means the broker delivers it again.
      if (!context.settled) await delivery.ack();
      this.reportEvent(
        handler,
        delivery,
        state.payload,
        started,
        state.ran ? 'handled' : 'skipped-duplicate',
        result,
        undefined,
      );
    } catch (error) {
      if (context.settled) {
        this.logger.error(`${handler.label} failed after settling its message on '${subject}'`, {
          err: error,
        });
        this.reportEvent(handler, delivery, state.payload, started, 'handled', undefined, error);
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
        state.payload,
        started,
        last ? 'dead-lettered' : 'retried',
        undefined,
        error,
      );
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
