import { setTimeout as sleep } from 'node:timers/promises';
import { invalidTransactionOptions } from '../errors/transaction.errors';
import { DataErrorCode } from '../errors/errors';

/**
 * How `@Transactional({ retry })` and `TransactionManager.run(fn, { retry })` run a transaction
 * again when the database aborted it to resolve a conflict with a concurrent one: a deadlock
 * (PostgreSQL `40P01`, MySQL/MariaDB `1213`), a serialization failure (`40001`, under
 * `repeatable read` or `serializable`) or a lock wait timeout (MySQL/MariaDB `1205`). The whole
 * transaction runs again from the start, after a pause that grows with each attempt (exponential
 * backoff with jitter, so the transactions that collided do not collide again in step).
 * Spring's `@Retryable`, limited to these errors.
 *
 * Only a call that begins a transaction retries: a call that joins the caller's transaction
 * (`REQUIRED`, `SUPPORTS`, `MANDATORY` inside a transaction, `NESTED` as a savepoint) ignores its
 * `retry`, because the aborted transaction is the caller's: its earlier statements are rolled
 * back too, and only the caller can run them again.
 *
 * @example
 * @Transactional({ retry: { maxAttempts: 5, delay: 20, maxDelay: 500 } })
 * async moveComment(commentId: number, toArticle: number) { ... }
 */
export interface TransactionRetryOptions {
  /** Attempts in all, the first included (default 3): an integer from 1 to 100. */
  maxAttempts?: number;
  /** Pause before the second attempt, in ms (default 25); each later pause is `multiplier` times longer. */
  delay?: number;
  /** Growth of the pause from one attempt to the next (default 2; 1 keeps it constant). */
  multiplier?: number;
  /** Longest pause, in ms (default 1,000). */
  maxDelay?: number;
  /**
   * Which errors are worth another attempt (default {@link isTransientTransactionError}).
   * Called with what the failed attempt threw.
   */
  retryOn?: (error: unknown) => boolean;
}

/** The policy a retry option resolves to, every field set. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly delay: number;
  readonly multiplier: number;
  readonly maxDelay: number;
  readonly retryOn: (error: unknown) => boolean;
}

// SQLSTATEs (PostgreSQL, PGlite, and MySQL's own `sqlState`) and MySQL/MariaDB errnos of a
// transaction the database aborted because of a concurrent one.
const TRANSIENT_SQLSTATES = new Set(['40001', '40P01']);
const TRANSIENT_ERRNOS = new Set([
  1213, // ER_LOCK_DEADLOCK: the whole transaction was rolled back
  1205, // ER_LOCK_WAIT_TIMEOUT: the statement was; the retry rolls back the rest
]);

/**
 * True when `error` (or an error in its `cause` chain) says the database aborted the transaction
 * because of a concurrent one, so that running it again may succeed: Tenon's
 * `TENON_DATA_TRANSACTION_CONFLICT`, or the driver's SQLSTATE `40001` / `40P01` or MySQL errno
 * `1213` / `1205`.
 *
 * @example
 * catch (error) { if (isTransientTransactionError(error)) return reply.code(503).send(); throw error; }
 */
export function isTransientTransactionError(error: unknown): boolean {
  let current: unknown = error;
  // A bounded walk: a cause chain may loop.
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const e = current as { code?: unknown; errno?: unknown; sqlState?: unknown; cause?: unknown };
    if (e.code === DataErrorCode.TRANSACTION_CONFLICT) return true;
    if (typeof e.code === 'string' && TRANSIENT_SQLSTATES.has(e.code)) return true;
    if (typeof e.sqlState === 'string' && TRANSIENT_SQLSTATES.has(e.sqlState)) return true;
    if (typeof e.errno === 'number' && TRANSIENT_ERRNOS.has(e.errno)) return true;
    current = e.cause;
  }
  return false;
}

const DEFAULTS = { maxAttempts: 3, delay: 25, multiplier: 2, maxDelay: 1_000 } as const;

/** The policy of a `retry` option, or undefined when retrying is off. Checks the values. */
export function retryPolicy(retry: boolean | TransactionRetryOptions | undefined): RetryPolicy | undefined {
  if (retry === undefined || retry === false) return undefined;
  const options = retry === true ? {} : retry;
  if (typeof options !== 'object' || options === null)
    throw invalidTransactionOptions(`retry must be true, false or an object, got ${String(options)}`);
  const policy: RetryPolicy = {
    maxAttempts: options.maxAttempts ?? DEFAULTS.maxAttempts,
    delay: options.delay ?? DEFAULTS.delay,
    multiplier: options.multiplier ?? DEFAULTS.multiplier,
    maxDelay: options.maxDelay ?? Math.max(DEFAULTS.maxDelay, options.delay ?? 0),
    retryOn: options.retryOn ?? isTransientTransactionError,
  };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1 || policy.maxAttempts > 100)
    throw invalidTransactionOptions(
      `retry.maxAttempts must be an integer from 1 to 100, got ${String(policy.maxAttempts)}`,
    );
  for (const key of ['delay', 'maxDelay'] as const) {
    if (!Number.isFinite(policy[key]) || policy[key] < 0)
      throw invalidTransactionOptions(
        `retry.${key} must be a number of milliseconds >= 0, got ${String(policy[key])}`,
      );
  }
  if (!Number.isFinite(policy.multiplier) || policy.multiplier < 1)
    throw invalidTransactionOptions(
      `retry.multiplier must be a number >= 1, got ${String(policy.multiplier)}`,
    );
  if (typeof policy.retryOn !== 'function')
    throw invalidTransactionOptions(`retry.retryOn must be a function, got ${typeof policy.retryOn}`);
  return policy;
}

/**
 * The pause after failed attempt `attempt` (1-based): `delay × multiplier^(attempt-1)`, capped
 * at `maxDelay`, then a random point in its upper half ("equal jitter": never zero, so the
 * colliding transactions drift apart, and never more than the cap).
 */
export function retryPause(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxDelay, policy.delay * policy.multiplier ** (attempt - 1));
  return base / 2 + random() * (base / 2);
}

/**
 * Runs `attempt` up to `policy.maxAttempts` times while it fails with an error `policy.retryOn`
 * accepts, pausing between attempts; the last error is rethrown.
 */
export async function runWithRetry<R>(policy: RetryPolicy, attempt: () => Promise<R>): Promise<R> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= policy.maxAttempts || !policy.retryOn(error)) throw error;
      const pause = retryPause(policy, n);
      if (pause > 0) await sleep(pause);
    }
  }
}
