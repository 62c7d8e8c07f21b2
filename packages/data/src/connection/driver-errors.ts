import { DataError } from '../errors/data.error';
import { TransactionConflictError, type TransactionConflictReason } from '../errors/transaction.errors';
import { constraintViolation } from './constraint-violations';
import { refusedValueError } from './invalid-values';
import {
  connectionFailed,
  connectionLost,
  connectionRefused,
  connectionTimeout,
  statementTimeout,
  type ConnectionTarget,
} from '../errors/connection.errors';

interface ErrorLike {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
  errors?: unknown;
  /** PostgreSQL (pg and PGlite) error fields. */
  detail?: unknown;
  table?: unknown;
  constraint?: unknown;
}

// SQLSTATEs and driver codes that mean "the connection is gone", not "the SQL was wrong".
const LOST_CODES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, server stop
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08003',
  '08006',
  'ECONNRESET',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'ER_SERVER_SHUTDOWN',
]);
const LOST_MESSAGES = [
  /connection terminated/i,
  /client has encountered a connection error/i,
  /closed state/i,
  /server closed the connection/i,
  /connection is not open/i,
];

function codeOf(error: unknown): string | undefined {
  const code = (error as ErrorLike | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function isRefused(error: unknown): boolean {
  if (codeOf(error) === 'ECONNREFUSED') return true;
  // Node tries every address of a host name and reports an AggregateError.
  const nested = (error as ErrorLike | null)?.errors;
  return Array.isArray(nested) && nested.some((e) => codeOf(e) === 'ECONNREFUSED');
}

// pg's "Connection terminated due to connection timeout", mysql2's ETIMEDOUT on connect: no
// connection was ever made, so this is not a lost one.
function isConnectTimeout(error: unknown): boolean {
  if (codeOf(error) === 'ETIMEDOUT') return true;
  const message = (error as ErrorLike | null)?.message;
  return (
    typeof message === 'string' &&
    /connection timeout|connect timeout|timeout exceeded when trying to connect/i.test(message)
  );
}

function isLost(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== undefined && LOST_CODES.has(code)) return true;
  const message = (error as ErrorLike | null)?.message;
  return typeof message === 'string' && LOST_MESSAGES.some((re) => re.test(message));
}

function isTimeout(error: unknown): boolean {
  const e = error as ErrorLike | null;
  if (codeOf(error) === '57014' && typeof e?.message === 'string' && /statement timeout/i.test(e.message))
    return true;
  // MariaDB ER_STATEMENT_TIMEOUT (1969), MySQL ER_QUERY_TIMEOUT (3024).
  return e?.errno === 1969 || e?.errno === 3024;
}

// A transaction the database aborted because of a concurrent one: worth running again.
const CONFLICT_SQLSTATES: Record<string, TransactionConflictReason> = {
  '40P01': 'deadlock', // deadlock_detected
  '40001': 'serialization-failure', // serialization_failure
};
const CONFLICT_ERRNOS: Record<number, { reason: TransactionConflictReason; name: string }> = {
  1213: { reason: 'deadlock', name: 'ER_LOCK_DEADLOCK' },
  1205: { reason: 'lock-timeout', name: 'ER_LOCK_WAIT_TIMEOUT' },
};

function transactionConflict(error: unknown): TransactionConflictError | undefined {
  const e = error as ErrorLike | null;
  const code = codeOf(error);
  if (code !== undefined && Object.hasOwn(CONFLICT_SQLSTATES, code))
    return new TransactionConflictError(CONFLICT_SQLSTATES[code]!, `SQLSTATE ${code}`, { cause: error });
  if (typeof e?.errno === 'number' && Object.hasOwn(CONFLICT_ERRNOS, e.errno)) {
    const { reason, name } = CONFLICT_ERRNOS[e.errno]!;
    return new TransactionConflictError(reason, code ?? name, { cause: error });
  }
  return undefined;
}

/** Maps a failure to open a connection onto a coded error naming host and port. */
export function translateConnectError(error: unknown, target: ConnectionTarget): unknown {
  if (error instanceof DataError) return error;
  if (isRefused(error)) return connectionRefused(target, error);
  if (isConnectTimeout(error)) return connectionTimeout(target, error);
  if (isLost(error)) return connectionLost(target, error);
  return connectionFailed(target, error);
}

/**
 * Maps a failed statement: connection loss, timeouts, transactions aborted by a concurrent one
 * (deadlocks, serialization failures), unique / foreign key violations and values
 * the column cannot hold become coded errors (the driver's error as their `cause`); other SQL
 * errors (syntax, checks) pass through untouched so their SQLSTATE stays readable.
 */
export function translateQueryError(error: unknown, target: ConnectionTarget): unknown {
  if (error instanceof DataError) return error;
  if (isRefused(error)) return connectionRefused(target, error);
  if (isConnectTimeout(error)) return connectionTimeout(target, error);
  if (isLost(error)) return connectionLost(target, error);
  if (isTimeout(error)) return statementTimeout(target, error);
  return transactionConflict(error) ?? constraintViolation(error) ?? refusedValueError(error) ?? error;
}
