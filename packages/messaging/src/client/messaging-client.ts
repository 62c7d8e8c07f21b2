import { randomUUID } from 'node:crypto';
import type { Observable } from 'rxjs';
import type { Codec } from '../codec/codec';
import { ClientClosedError, RemoteError } from '../errors/runtime.errors';
import { assertSubject } from '../metadata/subject';
import { HEADER, type MessagingTransport, type TransportMessage } from '../transport/transport';
import { lazyModule } from '../util/lazy-module';

const rxjs = lazyModule<typeof import('rxjs')>('rxjs');

/** Options of one `emit()`. */
export interface EmitOptions {
  /** Extra headers (lower-case names). */
  readonly headers?: Record<string, string>;
  /**
   * The message id (default a random UUID); the inbox and broker de-duplication key on it. On an
   * at-most-once transport (`natsCore()`) an event carries one only when it is given here: nothing
   * is redelivered there, and each delivery of an event without one gets a fresh id.
   */
  readonly messageId?: string;
}

/** Options of one `send()`. */
export interface SendOptions {
  /** Time limit in ms (default: the module's `requestTimeout`, 5000). */
  readonly timeout?: number;
  readonly headers?: Record<string, string>;
}

/**
 * Publishes events and sends requests through the application's transport.
 *
 * @example
 * constructor(private readonly messaging: MessagingClient) {}
 * await this.messaging.emit('orders.created', { orderId: 7 });          // resolves once the broker stored it
 * const quote = await this.messaging.send<Quote>('prices.quote', { sku: 'a-1' }, { timeout: 2000 });
 */
export class MessagingClient {
  private closed = false;
  private readonly checkedSubjects = new Set<string>();
  // An id of its own on every message, unless the transport redelivers nothing (see
  // `MessagingTransport.atMostOnce`): there a UUID per event was a tenth of what an event cost.
  private readonly idPerMessage: boolean;
  // The headers of a message with neither an id nor extra headers: one frozen record for all.
  private readonly plainHeaders: Readonly<Record<string, string>>;

  constructor(
    private readonly transport: MessagingTransport,
    private readonly codec: Codec,
    private readonly defaultTimeout: number,
  ) {
    this.idPerMessage = transport.atMostOnce !== true;
    this.plainHeaders = Object.freeze({ [HEADER.CONTENT_TYPE]: codec.contentType });
  }

  /** Builds the transport message of a payload (also used by the outbox relay). */
  message(subject: string, data: unknown, options?: EmitOptions): TransportMessage {
    const body = this.codec.encode(data);
    const id = options?.messageId ?? (this.idPerMessage ? randomUUID() : undefined);
    const extra = options?.headers;
    if (id === undefined && !extra) return { subject, body, headers: this.plainHeaders };
    const { contentType } = this.codec;
    // Without extra headers, a literal: a spread of nothing costs as much as the rest.
    const headers = extra
      ? {
          ...extra,
          ...(id === undefined ? {} : { [HEADER.MESSAGE_ID]: id }),
          [HEADER.CONTENT_TYPE]: contentType,
        }
      : { [HEADER.MESSAGE_ID]: id!, [HEADER.CONTENT_TYPE]: contentType };
    return { subject, body, headers };
  }

  /**
   * Publishes an event to every consumer group of `subject`; resolves once the broker has it.
   * Not an async function: the transport's promise is returned as it is, one promise and one
   * tick less per event; what fails before it (a bad subject, a closed client, a payload the
   * codec refuses) rejects it all the same.
   */
  emit(subject: string, data: unknown, options?: EmitOptions): Promise<void> {
    try {
      this.assertSubject(subject, 'MessagingClient.emit()');
      if (this.closed) throw new ClientClosedError('emit');
      return this.transport.publish(this.message(subject, data, options));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  // The subjects already checked: an application emits on a handful, the check is a regular
  // expression, and the cap bounds a misuse.
  private assertSubject(subject: string, where: string): void {
    if (this.checkedSubjects.has(subject)) return;
    assertSubject(subject, where);
    if (this.checkedSubjects.size < 1024) this.checkedSubjects.add(subject);
  }

  /** Publishes an already built message (the outbox relay's path). */
  async publishMessage(message: TransportMessage): Promise<void> {
    if (this.closed) throw new ClientClosedError('emit');
    await this.transport.publish(message);
  }

  /**
   * Sends a request to the one `@MessagePattern(subject)` handler (one instance of its group) and
   * resolves with its reply. Rejects with `RemoteError` when the handler threw,
   * `TENON_MESSAGING_REQUEST_TIMEOUT` or `TENON_MESSAGING_NO_RESPONDER`.
   */
  async send<T = unknown>(subject: string, data: unknown, options: SendOptions = {}): Promise<T> {
    this.assertSubject(subject, 'MessagingClient.send()');
    if (this.closed) throw new ClientClosedError('send');
    const reply = await this.transport.request(
      this.message(subject, data, options.headers ? { headers: options.headers } : {}),
      options.timeout ?? this.defaultTimeout,
    );
    const error = reply.headers[HEADER.ERROR];
    if (error !== undefined) {
      const parsed = JSON.parse(error) as { code?: string; message?: string };
      throw new RemoteError(subject, parsed.code, parsed.message ?? 'unknown error');
    }
    return this.codec.decode(reply.body) as T;
  }

  /**
   * `send()` as an rxjs Observable (one value, then complete), for code written against
   * NestJS's `ClientProxy.send()`. Needs the optional peer dependency `rxjs`; the request is
   * sent on subscribe.
   */
  send$<T = unknown>(subject: string, data: unknown, options: SendOptions = {}): Observable<T> {
    const { Observable: ObservableClass } = rxjs();
    return new ObservableClass<T>((subscriber) => {
      this.send<T>(subject, data, options).then(
        (value) => {
          subscriber.next(value);
          subscriber.complete();
        },
        (error: unknown) => subscriber.error(error),
      );
    });
  }

  /** Refuses further calls (the runtime closes the transport itself). */
  close(): void {
    this.closed = true;
  }
}
