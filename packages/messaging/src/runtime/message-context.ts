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
    /** Message headers (lower-case names). */
    readonly headers: Readonly<Record<string, string>>,
    /** The message id, stable across redeliveries. */
    readonly messageId: string,
    /** 1 on the first delivery; requests always 1. */
    readonly deliveryCount: number,
    /** The consumer group handling it; `undefined` for requests. */
    readonly group: string | undefined,
    private readonly settlement: Settlement | undefined,
  ) {}

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
