import { TenonError } from '@tenon/core';
import { HttpErrorCode } from './errors';

/** How a guard's result is named in the message: its type and a short, safe rendering. */
export function describeVerdict(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'bigint') return `the number ${String(value)}`;
  if (typeof value === 'function') return `a function (${value.name || 'anonymous'})`;
  if (typeof value === 'symbol') return `a symbol (${value.description ?? ''})`;
  const name = (value as object).constructor?.name;
  return name && name !== 'Object' ? `an instance of ${name}` : 'an object';
}

/**
 * A guard's `canActivate()` gave something other than `true`, `false`, or a Promise or
 * Observable of one. Such a result is never taken as "allow": the request fails with this
 * error (a 500 whose problem carries the code), so the mistake shows at the first request
 * instead of opening the route.
 *
 * @example
 * canActivate() { return of(this.isAdmin()); }   // fine: Observable<boolean>
 * canActivate() { return { ok: true }; }          // TENON_HTTP_INVALID_GUARD_RESULT
 */
export class InvalidGuardResultError extends TenonError {
  /** Read by the problem mapper: a server-side mistake, answered 500 with this code. */
  readonly status = 500;

  constructor(guard: string, where: string, result: string) {
    super(
      HttpErrorCode.INVALID_GUARD_RESULT,
      `The guard ${guard} on ${where} returned ${result} from canActivate(): a guard must return true, false, or a Promise or Observable of one, and anything else is refused rather than read as "allow". ` +
        `Fix: return a boolean (e.g. \`return user !== undefined\`), or throw an HttpException (e.g. UnauthorizedException) to answer with its status.`,
    );
  }
}
