import type { Redis, RedisOptions } from 'ioredis';
import { ClientLibraryMissingError } from '../errors/client-library-missing.error';
import { ioredisPackage } from '../util/lazy-module';
import type { LeaseRecord, RunOutcome, ScheduleLock, ScheduleLockFactory } from './schedule-lock';

/** Options of `redisLock()`: a URL (a connection per application) or a client of your own. */
export interface RedisLockOptions {
  /** e.g. `redis://127.0.0.1:6379`. */
  url?: string;
  /** ioredis options, used with `url` (or alone). */
  redis?: RedisOptions;
  /** A connected client; the application does not close it. */
  client?: Redis;
  /** Key prefix (default `tenon:schedule`). */
  prefix?: string;
  /** How long a tick's key lives (default one hour); it must outlast the clock skew between instances. */
  tickTtlMs?: number;
}

// SET NX on the tick's key decides the winner; the same script moves the job's "last run" hash
// forward, so health details and catch-up read one consistent record.
const CLAIM = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local last = redis.call('HGET', KEYS[2], 'tick')
  if (not last) or last < ARGV[3] then
    redis.call('HSET', KEYS[2], 'tick', ARGV[3], 'holder', ARGV[1], 'startedAt', ARGV[4], 'finishedAt', '', 'outcome', '')
  end
  return 1
end
return 0`;

const COMPLETE = `
if redis.call('HGET', KEYS[1], 'tick') == ARGV[1] and redis.call('HGET', KEYS[1], 'holder') == ARGV[2] then
  redis.call('HSET', KEYS[1], 'finishedAt', ARGV[3], 'outcome', ARGV[4])
end
return 0`;

class RedisLock implements ScheduleLock {
  readonly kind = 'redis';

  constructor(
    private readonly redis: Redis,
    private readonly owned: boolean,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  async claim(job: string, tick: Date, holder: string): Promise<boolean> {
    const iso = tick.toISOString();
    const won = await this.redis.eval(
      CLAIM,
      2,
      `${this.prefix}:${job}:${iso}`,
      `${this.prefix}:${job}:last`,
      holder,
      String(this.ttlMs),
      iso,
      new Date().toISOString(),
    );
    return won === 1;
  }

  async complete(job: string, tick: Date, holder: string, outcome: RunOutcome): Promise<void> {
    await this.redis.eval(
      COMPLETE,
      1,
      `${this.prefix}:${job}:last`,
      tick.toISOString(),
      holder,
      new Date().toISOString(),
      outcome,
    );
  }

  async lastRun(job: string): Promise<LeaseRecord | undefined> {
    const last = await this.redis.hgetall(`${this.prefix}:${job}:last`);
    if (!last.tick || !last.holder || !last.startedAt) return undefined;
    return {
      job,
      tick: new Date(last.tick),
      holder: last.holder,
      startedAt: new Date(last.startedAt),
      ...(last.finishedAt ? { finishedAt: new Date(last.finishedAt) } : {}),
      ...(last.outcome ? { outcome: last.outcome as RunOutcome } : {}),
    };
  }

  async close(): Promise<void> {
    if (this.owned) await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * The cluster lock on Redis: `SET key NX PX` per job and tick (ioredis, an optional peer), with
 * the last run of each job kept in a hash for health details and catch-up.
 *
 * @example
 * ScheduleModule.forRoot({ lock: redisLock({ url: 'redis://127.0.0.1:6379' }) })
 */
export function redisLock(options: RedisLockOptions = {}): ScheduleLockFactory {
  return {
    kind: 'redis',
    async open(): Promise<ScheduleLock> {
      let redis: Redis;
      let owned = false;
      if (options.client) {
        redis = options.client;
      } else {
        let ioredis: ReturnType<typeof ioredisPackage>;
        try {
          ioredis = ioredisPackage();
        } catch (error) {
          throw new ClientLibraryMissingError('redisLock()', ['ioredis'], error);
        }
        const settings: RedisOptions = { lazyConnect: true, maxRetriesPerRequest: 3, ...options.redis };
        redis = options.url ? new ioredis.Redis(options.url, settings) : new ioredis.Redis(settings);
        owned = true;
        await redis.connect();
      }
      return new RedisLock(redis, owned, options.prefix ?? 'tenon:schedule', options.tickTtlMs ?? 3_600_000);
    },
  };
}
