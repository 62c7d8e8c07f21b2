import type { Delivery } from '../../transport/transport';

/** How the deliveries of one consumer (stream and group) are settled; made once per consumer. */
export interface RedisSettlement {
  ack(entryId: Buffer): Promise<void>;
  retry(entryId: Buffer, delayMs: number): Promise<void>;
  deadLetter(delivery: Delivery, entryId: Buffer, reason: string): Promise<void>;
}

/**
 * One delivery of a stream entry. A class, not an object of closures: per message it is one
 * allocation, and the settling code lives once in the consumer's `RedisSettlement`. `ack`,
 * `retry` and `deadLetter` act once between them (see `settleOnce` for why).
 */
export class RedisDelivery implements Delivery {
  private settled = false;

  constructor(
    private readonly settlement: RedisSettlement,
    private readonly entryId: Buffer,
    readonly subject: string,
    readonly body: Buffer,
    readonly headers: Readonly<Record<string, string>>,
    readonly id: string,
    readonly deliveryCount: number,
  ) {}

  ack(): Promise<void> {
    if (this.settled) return Promise.resolve();
    this.settled = true;
    return this.settlement.ack(this.entryId);
  }

  retry(delayMs: number): Promise<void> {
    if (this.settled) return Promise.resolve();
    this.settled = true;
    return this.settlement.retry(this.entryId, delayMs);
  }

  deadLetter(reason: string): Promise<void> {
    if (this.settled) return Promise.resolve();
    this.settled = true;
    return this.settlement.deadLetter(this, this.entryId, reason);
  }
}
