import type Redis from 'ioredis';

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Sends the XADDs of one turn of the event loop in one pipeline: one socket write for all the
 * events published in the same tick, instead of one write (one syscall) each. With many
 * publishes in flight, per-command writes were most of the publisher's CPU. Each `add()` still
 * resolves only once Redis has stored its entry and rejects with that entry's own error, so a
 * publish that Redis refuses fails alone (see `settleFailed`).
 */
export class PublishBatcher {
  private args: Array<Array<string | Buffer>> = [];
  private waiters: Waiter[] = [];
  private scheduled = false;
  private readonly flushNow = (): void => this.flush();

  constructor(private readonly redis: () => Redis) {}

  /** Queues `XADD key * ...fields` for this tick's pipeline; resolves once Redis has stored it. */
  add(key: string, fields: Array<string | Buffer>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.args.push([key, '*', ...fields]);
      this.waiters.push({ resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the promise callbacks of this tick: every publish they started is in.
        process.nextTick(this.flushNow);
      }
    });
  }

  /**
   * Redis's own refusal of an entry (a reply error) is the publisher's; an entry lost with the
   * connection (Redis closes it on a protocol error, e.g. another entry of the batch over
   * proto-max-bulk-len) is sent again on its own, as ioredis does for single commands in flight.
   */
  private settleFailed(command: Array<string | Buffer>, waiter: Waiter, error: unknown): void {
    if (error instanceof Error && error.name === 'ReplyError') return waiter.reject(error);
    this.redis()
      .xadd(...(command as [string, string, ...Array<string | Buffer>]))
      .then(() => waiter.resolve(), waiter.reject);
  }

  private flush(): void {
    this.scheduled = false;
    const { args, waiters } = this;
    this.args = [];
    this.waiters = [];
    const pipeline = this.redis().pipeline();
    for (const command of args) pipeline.xadd(...(command as [string, string, ...Array<string | Buffer>]));
    pipeline.exec().then(
      (results) => {
        for (let i = 0; i < waiters.length; i++) {
          const error = results?.[i]?.[0];
          if (!error) waiters[i]!.resolve();
          else this.settleFailed(args[i]!, waiters[i]!, error);
        }
      },
      (error: unknown) => {
        for (let i = 0; i < waiters.length; i++) this.settleFailed(args[i]!, waiters[i]!, error);
      },
    );
  }
}
