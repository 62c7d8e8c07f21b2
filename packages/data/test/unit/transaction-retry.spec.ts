import 'reflect-metadata';
import { DataError, isTransientTransactionError, TransactionConflictError, Transactional } from '@tenon/data';
import { translateQueryError } from '../../src/connection/driver-errors';
import { retryPause, retryPolicy, runWithRetry } from '../../src/transaction/transaction-retry';

const target = { dialect: 'postgres', host: '127.0.0.1', port: 5432 } as const;

describe('transaction retry policy', () => {
  it('defaults: 3 attempts, 25 ms doubling up to 1 s', () => {
    expect(retryPolicy(undefined)).toBeUndefined();
    expect(retryPolicy(false)).toBeUndefined();
    expect(retryPolicy(true)).toMatchObject({ maxAttempts: 3, delay: 25, multiplier: 2, maxDelay: 1000 });
  });

  it('pauses grow exponentially, are capped, and are jittered within their upper half', () => {
    const policy = retryPolicy({ delay: 100, multiplier: 3, maxDelay: 500 })!;
    expect([1, 2, 3, 4].map((n) => retryPause(policy, n, () => 0))).toEqual([50, 150, 250, 250]);
    expect([1, 2, 3, 4].map((n) => retryPause(policy, n, () => 1))).toEqual([100, 300, 500, 500]);
  });

  it.each([
    [{ maxAttempts: 1.5 }, 'retry.maxAttempts must be an integer from 1 to 100, got 1.5'],
    [{ maxAttempts: 101 }, 'retry.maxAttempts must be an integer from 1 to 100, got 101'],
    [{ delay: -1 }, 'retry.delay must be a number of milliseconds >= 0, got -1'],
    [{ maxDelay: Number.NaN }, 'retry.maxDelay must be a number of milliseconds >= 0, got NaN'],
    [{ multiplier: 0.5 }, 'retry.multiplier must be a number >= 1, got 0.5'],
    [{ retryOn: 'yes' }, 'retry.retryOn must be a function, got string'],
    ['always', 'retry must be true, false or an object, got always'],
  ])('refuses %j with a coded error', (retry, problem) => {
    let error: unknown;
    try {
      retryPolicy(retry as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect(error).toMatchObject({
      code: 'TENON_DATA_INVALID_TRANSACTION_OPTIONS',
      message: `Invalid transaction options: ${problem}.`,
    });
  });

  it('@Transactional checks retry options when it decorates', () => {
    expect(() => Transactional({ retry: { maxAttempts: 0 } })).toThrow(
      'Invalid transaction options: retry.maxAttempts must be an integer from 1 to 100, got 0.',
    );
  });

  it('runWithRetry honours a custom retryOn', async () => {
    let attempts = 0;
    const result = await runWithRetry(retryPolicy({ delay: 0, retryOn: (e) => e === 'again' })!, async () => {
      if (++attempts < 3) throw 'again';
      return 'done';
    });
    expect([result, attempts]).toEqual(['done', 3]);
  });
});

describe('transient transaction errors', () => {
  it.each([
    ['PostgreSQL deadlock', { code: '40P01' }],
    ['PostgreSQL serialization failure', { code: '40001' }],
    ['MySQL deadlock', { errno: 1213, code: 'ER_LOCK_DEADLOCK', sqlState: '40001' }],
    ['MySQL lock wait timeout', { errno: 1205, code: 'ER_LOCK_WAIT_TIMEOUT' }],
    ['a wrapped deadlock', { message: 'wrapped', cause: { code: '40P01' } }],
    ['the coded error', { code: 'TENON_DATA_TRANSACTION_CONFLICT' }],
  ])('%s is transient', (_name, error) => {
    expect(isTransientTransactionError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', { code: '23505' }],
    ['a syntax error', { code: '42601' }],
    ['a plain error', new Error('boom')],
    ['nothing', undefined],
    ['a string', '40P01'],
  ])('%s is not', (_name, error) => {
    expect(isTransientTransactionError(error)).toBe(false);
  });

  it('a cause chain that loops ends', () => {
    const a: { cause?: unknown } = {};
    a.cause = a;
    expect(isTransientTransactionError(a)).toBe(false);
  });

  it('drivers errors become TENON_DATA_TRANSACTION_CONFLICT (409) with their cause', () => {
    const driver = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    const error = translateQueryError(driver, target) as TransactionConflictError;
    expect(error).toBeInstanceOf(TransactionConflictError);
    expect(error.code).toBe('TENON_DATA_TRANSACTION_CONFLICT');
    expect(error.status).toBe(409);
    expect(error.reason).toBe('deadlock');
    expect(error.cause).toBe(driver);
    expect(error.message).toBe(
      'The database aborted the transaction: it deadlocked with a concurrent transaction (each waited for a row the other had locked) (SQLSTATE 40P01). Nothing it wrote was kept. Run the whole transaction again: @Transactional({ retry: true }) or TransactionManager.run(fn, { retry: true }) does that with backoff; writing rows in one order everywhere avoids deadlocks.',
    );
    expect(error.clientMessage).toBe(
      'The request conflicted with concurrent requests changing the same data and was not applied: send it again.',
    );
    const serialization = translateQueryError(
      Object.assign(new Error('could not serialize access'), { code: '40001' }),
      target,
    ) as TransactionConflictError;
    expect(serialization.message).toMatch(
      /^The database aborted the transaction: it could not be serialized with a concurrent transaction that changed the same rows \(SQLSTATE 40001\)\./,
    );
    const mysql = translateQueryError(
      Object.assign(new Error('Lock wait timeout exceeded; try restarting transaction'), {
        errno: 1205,
        code: 'ER_LOCK_WAIT_TIMEOUT',
      }),
      target,
    ) as TransactionConflictError;
    expect(mysql.reason).toBe('lock-timeout');
    expect(mysql.message).toMatch(
      /^The database aborted the transaction: it waited too long for a row a concurrent transaction had locked \(ER_LOCK_WAIT_TIMEOUT\)\./,
    );
  });
});
