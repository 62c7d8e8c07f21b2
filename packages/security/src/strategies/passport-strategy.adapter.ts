import type { HttpRequest } from '@tenon/http';
import { AuthenticationException } from '../errors/auth.exceptions';
import type { AuthResult, AuthStrategy } from './auth-strategy';

/**
 * What Tenon needs of a passport strategy (`passport-strategy`'s `Strategy`): a name and
 * `authenticate(req, options)`, which calls `success`, `fail`, `error`, `pass` or `redirect`
 * on itself.
 */
export interface PassportStrategyLike {
  name?: string;
  authenticate(this: unknown, request: unknown, options?: unknown): void;
}

type Settle = (result: AuthResult | Error) => void;

// Passport's `fail(challenge?, status?)`: the challenge may be the status, a string for
// WWW-Authenticate, or an object with a message.
function failure(name: string, challenge: unknown, status: unknown): AuthResult {
  let code = typeof status === 'number' ? status : 401;
  let header: string | undefined;
  let message: string | undefined;
  if (typeof challenge === 'number') code = challenge;
  else if (typeof challenge === 'string') header = challenge;
  else if (typeof challenge === 'object' && challenge !== null) {
    const m = (challenge as { message?: unknown }).message;
    if (typeof m === 'string') message = m;
  }
  return { outcome: 'fail', error: AuthenticationException.strategyFailed(name, message, code, header) };
}

/**
 * Runs a passport strategy as a Tenon `AuthStrategy`: each request gets its own object
 * whose prototype is the strategy (what passport itself does), with the callbacks mapped:
 * `success(user)` authenticates, `fail(challenge, status)` is a 401 (or the given status) with
 * the challenge as `WWW-Authenticate`, `pass()` tries the next strategy, `error(err)` fails the
 * request with that error, and `redirect()` (browser flows) is refused. Passport itself is not
 * needed: only the strategy package.
 *
 * @example
 * import { Strategy as BearerStrategy } from 'passport-http-bearer';
 * SecurityModule.forRootAsync({
 *   inject: [ApiClients],
 *   useFactory: (clients: ApiClients) => ({
 *     jwt: { secret: process.env.JWT_SECRET, algorithms: ['HS256'], expiresIn: '1h' },
 *     strategies: [passportStrategy(new BearerStrategy((token, done) => clients.byToken(token).then((c) => done(null, c ?? false), done)))],
 *   }),
 * });
 */
export function passportStrategy(
  strategy: PassportStrategyLike,
  options: Record<string, unknown> = {},
): AuthStrategy {
  const name = strategy.name ?? 'passport';
  return {
    name,
    authenticate(request: HttpRequest): Promise<AuthResult> {
      return new Promise<AuthResult>((resolve, reject) => {
        let settled = false;
        // A strategy may call more than one callback (or call one twice): the first one counts.
        const settle: Settle = (result) => {
          if (settled) return;
          settled = true;
          if (result instanceof Error) reject(result);
          else resolve(result);
        };
        const run = Object.create(strategy) as Record<string, unknown>;
        run.success = (user: unknown) =>
          settle(
            user === false || user === undefined || user === null
              ? failure(name, undefined, 401)
              : { outcome: 'success', user },
          );
        run.fail = (challenge?: unknown, status?: unknown) => settle(failure(name, challenge, status));
        run.pass = () => settle({ outcome: 'skip' });
        run.error = (error: unknown) => settle(error instanceof Error ? error : new Error(String(error)));
        run.redirect = () =>
          settle({
            outcome: 'fail',
            error: AuthenticationException.strategyFailed(
              name,
              'redirects (browser login flows) are not supported here',
              401,
            ),
          });
        try {
          strategy.authenticate.call(run, request, options);
        } catch (error) {
          settle(error instanceof Error ? error : new Error(String(error)));
        }
      });
    },
  };
}
