import type { Channel, Message } from 'amqplib';

/**
 * Acknowledges a consumer channel's deliveries in batches. The deliveries settled in one turn of
 * the event loop whose tags follow the oldest unsettled one go in one `basic.ack` with
 * `multiple` (AMQP acknowledges every tag up to it); the others, settled while an older message
 * is still being handled, are acknowledged one by one, so a slow handler holds back no other
 * message's ack. An ack per message was a frame and a socket write per message.
 */
export class AckWindow {
  /** Tags delivered and not settled yet, oldest first (the broker's tags only grow). */
  private readonly outstanding: number[] = [];
  private readonly settled = new Map<number, () => void>();
  private scheduled = false;

  constructor(private readonly channel: Channel) {}

  delivered(message: Message): void {
    this.outstanding.push(message.fields.deliveryTag);
  }

  /** The message was given back (nack) or the channel is gone: nothing to acknowledge. */
  forget(message: Message): void {
    const at = this.outstanding.indexOf(message.fields.deliveryTag);
    if (at >= 0) this.outstanding.splice(at, 1);
  }

  /** Resolves once the ack is written to the channel (or the channel was gone, see `quietly`). */
  ack(message: Message): Promise<void> {
    return new Promise((resolve) => {
      this.settled.set(message.fields.deliveryTag, resolve);
      if (!this.scheduled) {
        this.scheduled = true;
        // After the I/O callbacks of this turn: every handler that finished with them is in.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    let upTo: number | undefined;
    while (this.outstanding.length && this.settled.has(this.outstanding[0]!)) upTo = this.outstanding.shift();
    const resolvers = [...this.settled.values()];
    const singles = [...this.settled.keys()].filter((tag) => upTo === undefined || tag > upTo);
    this.settled.clear();
    try {
      if (upTo !== undefined) this.channel.ack(tagged(upTo), true);
      for (const tag of singles) {
        this.channel.ack(tagged(tag));
        this.forget(tagged(tag));
      }
    } catch {
      // The channel closed (with its connection, or by the broker): its unacknowledged
      // messages go back to the queue and are delivered again; at least once still holds.
    }
    for (const resolve of resolvers) resolve();
  }
}

// amqplib's ack reads the delivery tag only.
function tagged(deliveryTag: number): Message {
  return { fields: { deliveryTag } } as Message;
}
