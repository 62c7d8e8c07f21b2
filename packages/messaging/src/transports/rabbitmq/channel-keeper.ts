import type { Channel } from 'amqplib';

/** What `keepChannel()` needs to know and do about one channel. */
export interface ChannelKeeping {
  /** False once the transport closes or the channel's connection is not the live one any more. */
  wanted(): boolean;
  /** Opens the replacement (a new channel on the same connection, declared and consuming again). */
  reopen(): Promise<void>;
  /** Records a channel error or a failed reopen (status().details.lastError). */
  failed(error: unknown): void;
  /** Called at once when the channel closes, before the reopen is tried. */
  lost?(): void;
}

/**
 * Re-creates what lived on a channel the broker closed while the connection stays up: a channel
 * error (PRECONDITION_FAILED for an unknown delivery tag, NOT_FOUND for a deleted exchange, a
 * message over `max_message_size`...) closes the channel only, and without this its consumer
 * would stop for good, or its publishes fail for good, on a connection that looks healthy. The
 * reopen waits a little and backs off (100 ms doubling to 5 s) while it fails; a connection
 * loss is the reconnect's job instead (`wanted()` is false then).
 */
export function keepChannel(channel: Channel, keeping: ChannelKeeping): void {
  // Without a listener, amqplib's 'error' event on a channel the broker closed would be thrown
  // from the socket's data callback and end the process.
  channel.on('error', (error: unknown) => keeping.failed(error));
  channel.once('close', () => {
    keeping.lost?.();
    void reopen(100);
  });
  const reopen = async (delayMs: number): Promise<void> => {
    // Later in the turn: a connection loss closes its channels before it reports its own close.
    await new Promise((r) => setTimeout(r, delayMs).unref());
    if (!keeping.wanted()) return;
    try {
      await keeping.reopen();
    } catch (error) {
      keeping.failed(error);
      await reopen(Math.min(delayMs * 2, 5000));
    }
  };
}
