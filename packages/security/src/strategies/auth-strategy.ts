import type { HttpRequest } from '@tenon/http';

/** A strategy's answer for one request. */
export type AuthResult =
  /** The request is authenticated as `user`. */
  | { outcome: 'success'; user: unknown }
  /** The request carries no credentials this strategy reads: the next strategy is tried. */
  | { outcome: 'skip' }
  /** Credentials were sent and refused: `error` is the answer when no other strategy succeeds. */
  | { outcome: 'fail'; error: Error };

/**
 * One way of authenticating a request: the JWT strategy of `SecurityModule`, or a passport
 * strategy through `passportStrategy()`. The authentication guard tries them in order; the first
 * success authenticates the request.
 *
 * @example
 * const apiKeys: AuthStrategy = {
 *   name: 'api-key',
 *   async authenticate(request) {
 *     const key = request.headers['x-api-key'];
 *     if (key === undefined) return { outcome: 'skip' };
 *     const client = await clients.findByKey(String(key));
 *     return client ? { outcome: 'success', user: client } : { outcome: 'fail', error: new UnauthorizedException('unknown API key') };
 *   },
 * };
 */
export interface AuthStrategy {
  readonly name: string;
  authenticate(request: HttpRequest): Promise<AuthResult>;
}
