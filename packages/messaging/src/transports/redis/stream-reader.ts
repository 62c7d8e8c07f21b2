import type Redis from 'ioredis';
import { liveEntries, type Entry } from './stream-entry';

/** What one read loop needs: where it reads, as whom, and what it does with an entry. */
export interface StreamReaderSpec {
  readonly key: string;
  readonly group: string;
  readonly consumer: string;
  readonly concurrency: number;
  readonly blockMs: number;
  /** Take over entries left pending by dead consumers after this idle time; `undefined`: never. */
  readonly claimIdleMs: number | undefined;
  handle(entry: Entry, deliveryCount: number): Promise<void>;
}

/** The delivery counts of entries, from XPENDING (1 where the entry is not pending any more). */
export async function withCounts(
  redis: Redis,
  key: string,
  group: string,
  entries: Entry[],
): Promise<Array<[Entry, number]>> {
  if (entries.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const [id] of entries) pipeline.xpending(key, group, id.toString(), id.toString(), 1);
  const counts = (await pipeline.exec()) ?? [];
  return entries.map((entry, i) => {
    const row = (counts[i]?.[1] as Array<[string, string, number, number]> | undefined)?.[0];
    return [entry, Number(row?.[3] ?? 1)];
  });
}

/**
 * Reads a consumer group's new entries on a connection of its own (XREADGROUP blocks it), at most
 * `concurrency` in hand, and, for events, takes over entries idle longer than `claimIdleMs`
 * (XAUTOCLAIM). A lost connection is not the end: ioredis reconnects, and the loop reads again
 * from where the group is, so consumers resume by themselves.
 */
export class StreamReader {
  /** Entries in hand; a count and one waiter rather than a set of promises raced per read. */
  private running = 0;
  private wake: (() => void) | undefined;
  private readonly finished = (): void => {
    this.running--;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  };
  private lastClaim = 0;
  readonly done: Promise<void>;

  constructor(
    private readonly reader: Redis,
    private readonly spec: StreamReaderSpec,
    private readonly stopped: () => boolean,
    private readonly onError: (error: unknown) => void,
  ) {
    this.done = this.loop();
  }

  private run(entry: Entry, count: number): void {
    this.running++;
    this.spec.handle(entry, count).then(this.finished, this.finished);
  }

  private async loop(): Promise<void> {
    const { key, group, consumer, concurrency, blockMs, claimIdleMs } = this.spec;
    while (!this.stopped()) {
      try {
        if (this.running >= concurrency) {
          await new Promise<void>((resolve) => (this.wake = resolve));
          continue;
        }
        if (claimIdleMs !== undefined && Date.now() - this.lastClaim >= Math.min(1000, claimIdleMs / 2)) {
          this.lastClaim = Date.now();
          for (const [entry, count] of await this.autoclaim(claimIdleMs, concurrency - this.running))
            this.run(entry, count);
          if (this.running >= concurrency) continue;
        }
        const result = (await this.reader.callBuffer(
          'XREADGROUP',
          'GROUP',
          group,
          consumer,
          'COUNT',
          String(concurrency - this.running),
          'BLOCK',
          String(blockMs),
          'STREAMS',
          key,
          '>',
        )) as Array<[Buffer, Entry[]]> | null;
        // Read after stop began: left pending, another consumer claims them.
        if (this.stopped()) return;
        for (const [, entries] of result ?? []) for (const entry of entries) this.run(entry, 1);
      } catch (error) {
        if (this.stopped()) return;
        // Connection trouble: ioredis reconnects meanwhile; read again shortly.
        this.onError(error);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  private async autoclaim(idleMs: number, count: number): Promise<Array<[Entry, number]>> {
    if (count <= 0) return [];
    const { key, group, consumer } = this.spec;
    const result = (await this.reader.callBuffer(
      'XAUTOCLAIM',
      key,
      group,
      consumer,
      String(idleMs),
      '0-0',
      'COUNT',
      String(count),
    )) as [Buffer, Array<Entry | null>];
    return withCounts(this.reader, key, group, liveEntries(result[1] ?? []));
  }
}
