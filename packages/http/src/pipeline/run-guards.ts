import { HttpErrorCode } from '../errors/errors';
import { describeVerdict, InvalidGuardResultError } from '../errors/invalid-guard-result.error';
import { ForbiddenException } from '../exceptions/http-exceptions';
import type { CanActivate, ExecutionContext } from '../metadata/enhancer-types';
import { isObservable, lastValueOf, NO_VALUE } from './observable';
import { isThenable } from './thenable';

function forbidden(): ForbiddenException {
  return new ForbiddenException('You are not allowed to perform this request.', {
    code: HttpErrorCode.FORBIDDEN_BY_GUARD,
  });
}

/** The guards of one route with what their errors name, computed once at boot. */
export interface RouteGuards {
  guards: readonly CanActivate[];
  /** The class name of each guard, for `TENON_HTTP_INVALID_GUARD_RESULT`. */
  names: readonly string[];
  /** `Controller.handler`. */
  where: string;
  /** The error a `false` verdict becomes. */
  deny: () => Error;
}

/** Names the guards of a route for the errors of `runGuards` (at boot, not per request). */
export function routeGuards(
  guards: readonly CanActivate[],
  where: string,
  deny: () => Error = forbidden,
): RouteGuards {
  return {
    guards,
    names: guards.map((g) => (g as object).constructor?.name || 'anonymous'),
    where,
    deny,
  };
}

// A verdict that is not a plain boolean: a Promise or an Observable of a boolean is awaited and
// checked in turn; anything else is a programmer mistake, never "allow".
function settle(verdict: unknown, route: RouteGuards, i: number): Promise<boolean> {
  const invalid = (what: string): InvalidGuardResultError =>
    new InvalidGuardResultError(route.names[i]!, route.where, what);
  const check =
    (prefix: string) =>
    (value: unknown): boolean => {
      if (value === true || value === false) return value;
      throw invalid(
        value === NO_VALUE
          ? 'an Observable that completed without a value'
          : `${prefix} ${describeVerdict(value)}`,
      );
    };
  if (isThenable(verdict)) return Promise.resolve(verdict).then(check('a Promise of'));
  if (isObservable(verdict)) return lastValueOf(verdict).then(check('an Observable of'));
  throw invalid(describeVerdict(verdict));
}

/**
 * Runs a route's guards in order, then `then`. `true` continues and `false` answers 403, both
 * synchronously; a Promise or an Observable (its last value, as NestJS reads it) is awaited and
 * the remaining guards run after it. Any other result throws `InvalidGuardResultError`.
 */
export function runGuards(
  route: RouteGuards,
  context: ExecutionContext,
  then: () => unknown,
  from = 0,
): unknown {
  const { guards } = route;
  for (let i = from; i < guards.length; i++) {
    const verdict = guards[i]!.canActivate(context) as unknown;
    if (verdict === true) continue;
    if (verdict === false) throw route.deny();
    return settle(verdict, route, i).then((ok) => {
      if (!ok) throw route.deny();
      return runGuards(route, context, then, i + 1);
    });
  }
  return then();
}
