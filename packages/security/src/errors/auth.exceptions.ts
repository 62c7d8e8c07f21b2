import {
  ForbiddenException,
  HttpException,
  UnauthorizedException,
  UnprocessableEntityException,
} from '@tenon/http';
import { SecurityErrorCode } from './errors';

/**
 * 401 answers of the authentication guard and `JwtService.verify()`; `code` tells why (no
 * credentials, an invalid or expired token, a user that no longer exists, a strategy's refusal),
 * the detail says what to do, and `WWW-Authenticate` names the scheme (RFC 6750).
 *
 * @example
 * throw AuthenticationException.invalidToken('the signature does not match');
 */
export class AuthenticationException extends UnauthorizedException {
  static unauthenticated(schemes: readonly string[]): AuthenticationException {
    return new AuthenticationException(
      SecurityErrorCode.UNAUTHENTICATED,
      `Authentication required: send the header "Authorization: ${schemes[0] ?? 'Bearer'} <token>".`,
      schemes,
    );
  }

  static invalidToken(
    reason: string,
    schemes: readonly string[] = ['Bearer'],
    cause?: unknown,
  ): AuthenticationException {
    return new AuthenticationException(
      SecurityErrorCode.INVALID_TOKEN,
      `The token is invalid: ${reason}. Log in again to get a new token.`,
      schemes,
      cause,
    );
  }

  static expired(schemes: readonly string[] = ['Bearer'], cause?: unknown): AuthenticationException {
    return new AuthenticationException(
      SecurityErrorCode.TOKEN_EXPIRED,
      'The token has expired. Log in again to get a new token.',
      schemes,
      cause,
    );
  }

  static unknownUser(schemes: readonly string[]): AuthenticationException {
    return new AuthenticationException(
      SecurityErrorCode.UNKNOWN_USER,
      'The token names a user that does not exist or whose credentials changed. Log in again to get a new token.',
      schemes,
    );
  }

  /** A strategy's refusal (passport's `fail(challenge, status)`); 401 unless it names another status. */
  static strategyFailed(
    name: string,
    message: string | undefined,
    status = 401,
    challenge?: string,
  ): HttpException {
    const detail = `Authentication failed (${name})${message ? `: ${message}` : ''}.`;
    const headers = challenge ? { headers: { 'www-authenticate': challenge } } : {};
    if (status !== 401)
      return new HttpException(detail, status, { code: SecurityErrorCode.STRATEGY_FAILED, ...headers });
    return new AuthenticationException(SecurityErrorCode.STRATEGY_FAILED, detail, [], undefined, challenge);
  }

  private constructor(
    code: SecurityErrorCode,
    detail: string,
    schemes: readonly string[],
    cause?: unknown,
    challenge?: string,
  ) {
    const authenticate = challenge ?? schemes.map((scheme) => `${scheme} realm="api"`).join(', ');
    super(detail, {
      code,
      ...(authenticate ? { headers: { 'www-authenticate': authenticate } } : {}),
      ...(cause === undefined ? {} : { cause }),
    });
  }
}

/**
 * 403 of `RolesGuard`: the caller is authenticated but lacks every role the route requires.
 *
 * @example
 * throw new MissingRoleException(['admin']);
 */
export class MissingRoleException extends ForbiddenException {
  constructor(readonly required: readonly string[]) {
    super(`This route requires one of the roles: ${required.join(', ')}.`, {
      code: SecurityErrorCode.FORBIDDEN_ROLE,
    });
  }
}

/**
 * 422 of `PasswordHasher.hash()`: an empty password, or one longer than the hasher accepts
 * (a multi-megabyte password would otherwise cost the server as much to hash as it wants).
 *
 * @example
 * await hasher.hash(''); // throws InvalidPasswordException
 */
export class InvalidPasswordException extends UnprocessableEntityException {
  constructor(reason: string) {
    super(`The password cannot be used: ${reason}.`, { code: SecurityErrorCode.INVALID_PASSWORD });
  }
}
