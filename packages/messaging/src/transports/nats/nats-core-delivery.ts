import { randomUUID } from 'node:crypto';
import type { Msg } from '@nats-io/transport-node';
import { HEADER, type Delivery } from '../../transport/transport';
import { headersOf } from './nats-headers';

// Settling is nothing on core NATS: the server forgot the message once it passed it on.
const settled: Promise<void> = Promise.resolve();

/**
 * One event from a core NATS subscription. Its headers are parsed when first asked for (the
 * message id, `ctx.headers`), as the client itself decodes `msg.headers` only when read: a
 * handler that reads neither costs no header parsing. Nothing is acknowledged, retried or
 * dead-lettered (at most once): the settling methods resolve at once.
 */
export class NatsCoreDelivery implements Delivery {
  readonly deliveryCount = 1;
  readonly body: Uint8Array;
  private headerRecord: Record<string, string> | undefined;
  private messageId: string | undefined;

  constructor(
    private readonly msg: Msg,
    /** The Tenon subject (without the transport's prefix). */
    readonly subject: string,
  ) {
    this.body = msg.data;
  }

  get headers(): Readonly<Record<string, string>> {
    return (this.headerRecord ??= headersOf(this.msg));
  }

  /** The `tenon-message-id` header; a random UUID (the same on every read) for a message without one. */
  get id(): string {
    return (this.messageId ??= this.headers[HEADER.MESSAGE_ID] ?? randomUUID());
  }

  ack(): Promise<void> {
    return settled;
  }

  retry(): Promise<void> {
    return settled;
  }

  deadLetter(): Promise<void> {
    return settled;
  }
}
