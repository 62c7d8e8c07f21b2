import type Redis from 'ioredis';

/**
 * The XADDs of events, on a connection of their own with ioredis's `enableAutoPipelining`: the
 * publishes of one turn of the event loop go in one pipeline (one socket write) instead of one
 * write each, which was most of the publisher's CPU with many publishes in flight. Each XADD
 * still resolves once Redis has stored its entry and rejects with that entry's own error.
 *
 * Only this connection pipelines by itself: the readers' XREADGROUP BLOCK must not wait in a
 * pipeline, and the other commands (acks, claims, requests) have pipelines of their own.
 */
export class StreamPublisher {
  private constructor(
    private readonly connection: Redis,
    private readonly isClosed: () => boolean,
  ) {}

  /** Opens the publishing connection: `main`'s options (name, retries) and autopipelining. */
  static async open(
    main: Redis,
    isClosed: () => boolean,
    onError: (error: Error) => void,
  ): Promise<StreamPublisher> {
    const connection = main.duplicate({ enableAutoPipelining: true });
    connection.on('error', onError);
    await connection.connect();
    return new StreamPublisher(connection, isClosed);
  }

  /** `XADD key * ...fields`; resolves once Redis has stored the entry. */
  add(key: string, fields: Array<string | Buffer>): Promise<void> {
    return this.connection.xadd(key, '*', ...fields).then(
      () => undefined,
      (error: unknown) => {
        // Redis closes the connection on a protocol error (e.g. an entry over proto-max-bulk-len):
        // that entry is refused with a ReplyError, and ioredis aborts the entries after it in the
        // same pipeline (AbortError), which Redis never read. Those are not refused: sent again.
        if (error instanceof Error && error.name === 'AbortError' && !this.isClosed())
          return this.add(key, fields);
        throw error;
      },
    );
  }

  status(): string {
    return this.connection.status;
  }

  close(): void {
    this.connection.disconnect();
  }
}
