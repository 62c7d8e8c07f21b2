import type { Delivery } from '../transport/transport';

/** How a handler that settles its message itself can settle it. */
export interface Settlement {
  ack(): Promise<void>;
  retry(delayMs: number): Promise<void>;
  deadLetter(reason: string): Promise<void>;
}

/**
 * What a handler sees of the message it handles (`@Ctx()`): subject, headers, id and delivery
 * count; and, for events, `ack()` / `nack()` to settle it before returning. A handler that
 * settles nothing is acknowledged when it returns and retried when it throws.
 *
 * @example
 * @EventPattern('imports.row')
 * async onRow(@Payload() row: RowDto, @Ctx() ctx: MessageContext) {
 *   if (!(await this.rows.ready())) return ctx.nack({ delayMs: 5000 }); // try later, not an error
 *   await this.rows.import(row);
 * }
 */
export class MessageContext {
  private settledAs: 'ack' | 'nack' | 'dead-letter' | undefined;

  constructor(
    /** The subject the message was published on. */
    readonly subject: string,
    private readonly headerValues: Readonly<Record<string, string>>,
    private readonly id: string,
    /** 1 on the first delivery; requests always 1. */
    readonly deliveryCount: number,
    /** The consumer group handling it; `undefined` for requests. */
    readonly group: string | undefined,
    private readonly settlement: Settlement | undefined,
  ) {}

  /** Message headers (lower-case names). */
  get headers(): Readonly<Record<string, string>> {
    return this.headerValues;
  }

  /** The message id, stable across redeliveries. */
  get messageId(): string {
    return this.id;
  }

  /** How the handler settled the message, if it did. */
  get settled(): 'ack' | 'nack' | 'dead-letter' | undefined {
    return this.settledAs;
  }

  /** Acknowledges the message now (events only; a no-op for requests and when already settled). */
  async ack(): Promise<void> {
    if (this.settledAs || !this.settlement) return;
    this.settledAs = 'ack';
    await this.settlement.ack();
  }

  /**
   * Gives the message back: delivered again after `delayMs` (default 0), or moved to the dead
   * letters with `{ deadLetter: true }`. Does not count as a handler failure.
   */
  async nack(options: { delayMs?: number; deadLetter?: boolean; reason?: string } = {}): Promise<void> {
    if (this.settledAs || !this.settlement) return;
    if (options.deadLetter) {
      this.settledAs = 'dead-letter';
      await this.settlement.deadLetter(options.reason ?? 'nack by handler');
    } else {
      this.settledAs = 'nack';
      await this.settlement.retry(options.delayMs ?? 0);
    }
  }
}

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * The context of an event delivery. Its headers and id are the delivery's, read when the handler
 * asks for them: a transport may parse headers only then (core NATS does), so a handler that
 * reads neither costs no parsing.
 */
export class DeliveryContext extends MessageContext {
  constructor(
    subject: string,
    group: string,
    private readonly delivery: Delivery,
  ) {
    super(subject, NO_HEADERS, '', delivery.deliveryCount, group, delivery);
  }

  override get headers(): Readonly<Record<string, string>> {
    return this.delivery.headers;
  }

  override get messageId(): string {
    return this.delivery.id;
  }
}
