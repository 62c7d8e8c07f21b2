import { TenonError } from '@tenon/core';
import { SecurityErrorCode } from './errors';

/**
 * The security options cannot give safe tokens: no secret, a weak one, a development secret in
 * production, algorithms that do not fit the keys, a key that does not load. Thrown at boot,
 * while `JwtService` is built, so a misconfigured application never serves a request; and by
 * `JwtService.sign()` for a subject no token can carry.
 *
 * @example
 * try { await HttpApplication.create(AppModule); }
 * catch (e) { if (e instanceof SecurityConfigError && e.code === 'TENON_SECURITY_NO_SECRET') console.error(e.message); }
 */
export class SecurityConfigError extends TenonError {
  constructor(code: SecurityErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** No `secret` or `keys` and no explicit permission to use a random development secret. */
export function noSecretError(): SecurityConfigError {
  return new SecurityConfigError(
    SecurityErrorCode.NO_SECRET,
    'SecurityModule has no key to sign tokens with: jwt.secret and jwt.keys are both missing. ' +
      'Tokens signed with a secret written in the source can be forged by anyone who reads it, so there is no default. ' +
      'Fix: pass jwt.secret (at least 32 bytes, e.g. from an environment variable) or jwt.keys; ' +
      'for local development only, pass jwt.allowDevelopmentSecret: true to sign with a random secret made for this process (its tokens die with it).',
  );
}

/** An HMAC secret shorter than its algorithm's hash. */
export function weakSecretError(
  where: string,
  bytes: number,
  needed: number,
  algorithm: string,
): SecurityConfigError {
  return new SecurityConfigError(
    SecurityErrorCode.WEAK_SECRET,
    `SecurityModule: ${where} is ${bytes} bytes long, shorter than the ${needed} bytes ${algorithm} needs (RFC 7518, section 3.2): ` +
      'a short secret can be guessed offline from any token. ' +
      `Fix: use a random secret of at least ${needed} bytes, e.g. the output of \`node -e "console.log(require('crypto').randomBytes(${needed}).toString('base64url'))"\`.`,
  );
}

/** `allowDevelopmentSecret` while `NODE_ENV` is `production`. */
export function developmentSecretInProductionError(): SecurityConfigError {
  return new SecurityConfigError(
    SecurityErrorCode.DEVELOPMENT_SECRET_IN_PRODUCTION,
    'SecurityModule: jwt.allowDevelopmentSecret is true while NODE_ENV is "production": every restart would log every user out, ' +
      'and each instance behind a load balancer would refuse the tokens of the others. ' +
      'Fix: set jwt.secret or jwt.keys in production, and allow the development secret only outside it.',
  );
}

/** Algorithms, expiry or key set that cannot work. */
export function invalidJwtOptionsError(problem: string, fix: string): SecurityConfigError {
  return new SecurityConfigError(
    SecurityErrorCode.INVALID_JWT_OPTIONS,
    `SecurityModule: the jwt options are invalid: ${problem}. Fix: ${fix}.`,
  );
}

/** A key of `jwt.keys` that Node cannot load. */
export function invalidKeyError(kid: string, cause: unknown): SecurityConfigError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new SecurityConfigError(
    SecurityErrorCode.INVALID_KEY,
    `SecurityModule: the key "${kid}" of jwt.keys does not load (${reason}). ` +
      'Fix: give secret keys as a string or bytes, and RSA, EC or Ed25519 keys as PEM text, a JWK object or a KeyObject.',
    { cause },
  );
}

/** A `sub` given to `JwtService.sign()` that is neither a string nor a finite number. */
export function invalidSubjectError(sub: unknown): SecurityConfigError {
  const shown = typeof sub === 'number' ? String(sub) : typeof sub === 'object' ? 'an object' : typeof sub;
  return new SecurityConfigError(
    SecurityErrorCode.INVALID_SUBJECT,
    `JwtService.sign() was given a "sub" claim that is ${shown}: a token's subject is a string (RFC 7519), and a finite number is written as its digits. ` +
      "Fix: pass the user's id as a string or a number, e.g. sign({ sub: user.id }) or sign(claims, { subject: String(user.id) }).",
  );
}
