import type { HttpRequest } from '@tenon/http';
import { AuthenticationException } from '../errors/auth.exceptions';
import type { JwtService } from '../jwt/jwt.service';
import type { ValidateUser } from '../module/security-options';
import type { AuthResult, AuthStrategy } from './auth-strategy';
import { extractToken } from './token-extractor';

/**
 * The module's own strategy: a JWT from `Authorization: <scheme> <token>`, verified by
 * `JwtService`, turned into the request's user by the `validate` option (a `null` answer, such
 * as a deleted user, is 401).
 *
 * @example
 * new JwtStrategy(jwt, ['Bearer'], (claims) => users.findById(Number(claims.sub)));
 */
export class JwtStrategy implements AuthStrategy {
  readonly name = 'jwt';

  constructor(
    private readonly jwt: JwtService,
    private readonly schemes: readonly string[],
    private readonly validate: ValidateUser | undefined,
  ) {}

  async authenticate(request: HttpRequest): Promise<AuthResult> {
    const extracted = extractToken(request, this.schemes);
    if (!extracted.found) return { outcome: 'skip' };
    if ('malformed' in extracted)
      return {
        outcome: 'fail',
        error: AuthenticationException.invalidToken(
          `the Authorization header must be "${this.schemes[0]} <token>"`,
          this.schemes,
        ),
      };
    let claims;
    try {
      claims = await this.jwt.verify(extracted.token);
    } catch (error) {
      if (error instanceof AuthenticationException) return { outcome: 'fail', error };
      throw error;
    }
    const user = this.validate ? await this.validate(claims, request) : claims;
    if (user === null || user === undefined || user === false)
      return { outcome: 'fail', error: AuthenticationException.unknownUser(this.schemes) };
    return { outcome: 'success', user };
  }
}
