import type { KeyObject } from 'node:crypto';
import type { HttpRequest } from '@tenon/http';
import type { AuthStrategy } from '../strategies/auth-strategy';
import type { JwtClaims } from '../jwt/jwt-claims';
import type { PasswordHasherOptions } from '../password/password-hasher-options';

/** The JWS algorithms `JwtService` signs and verifies with (never `none`). */
export type JwtAlgorithm =
  | 'HS256'
  | 'HS384'
  | 'HS512'
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'PS256'
  | 'PS384'
  | 'PS512'
  | 'ES256'
  | 'ES384'
  | 'ES512'
  | 'EdDSA';

/** Key material as Node loads it: text (PEM or an HMAC secret), bytes, a JWK object or a KeyObject. */
export type KeyMaterial = string | Uint8Array | KeyObject | Record<string, unknown>;

/**
 * One key of a key set. A token's `kid` header picks the key that verifies it; the first key
 * able to sign (or `signingKid`) signs new tokens. Rotation: put the new key first, keep the old
 * one (public key or secret only) until its tokens have expired, then remove it.
 */
export interface JwtKey {
  /** The key id, written in the header of the tokens it signs. */
  kid: string;
  /** An HMAC secret (HS256/384/512). */
  secret?: string | Uint8Array;
  /** The private key of an asymmetric pair: needed to sign. */
  privateKey?: KeyMaterial;
  /** The public key of an asymmetric pair: enough to verify (derived from `privateKey` when absent). */
  publicKey?: KeyMaterial;
}

/** How `JwtService` signs and verifies tokens. */
export interface JwtOptions {
  /** One HMAC secret, at least as many bytes as the hash (32 for HS256). */
  secret?: string | Uint8Array;
  /** A key set, for rotation and asymmetric keys (`secret` and `keys` exclude each other). */
  keys?: JwtKey[];
  /** The `kid` of the key that signs new tokens (default: the first key that can sign). */
  signingKid?: string;
  /**
   * The only algorithms accepted, in order of preference for signing. A token whose header
   * names another algorithm (`none`, HS256 when only RS256 is listed) is refused.
   */
  algorithms: JwtAlgorithm[];
  /** Lifetime of signed tokens: seconds, or a time span such as `'15m'`, `'7d'`. Every token has an `exp`. */
  expiresIn: number | string;
  /** Written as `iss` when signing and required when verifying. */
  issuer?: string;
  /** Written as `aud` when signing and required when verifying. */
  audience?: string | string[];
  /** Leeway for `exp`/`nbf` between clocks, in seconds (default 0). */
  clockTolerance?: number;
  /** Longer tokens are refused before any parsing (default 8,192 characters). */
  maxTokenLength?: number;
  /**
   * With neither `secret` nor `keys`, sign with a random secret made at boot for this process
   * (tokens die with it). Off by default; refused when `NODE_ENV` is `production`.
   */
  allowDevelopmentSecret?: boolean;
}

/**
 * Turns verified token claims into the request's user, or `null`/`undefined` when the user
 * no longer exists or the token was revoked (401). Runs once per request.
 */
export type ValidateUser = (claims: JwtClaims, request: HttpRequest) => unknown;

/**
 * The options of `SecurityModule.forRoot()` / `forRootAsync()`.
 *
 * @example
 * SecurityModule.forRoot({
 *   jwt: { secret: process.env.JWT_SECRET, algorithms: ['HS256'], expiresIn: '1h', issuer: 'https://api.example.test' },
 *   schemes: ['Bearer'],
 * });
 */
export interface SecurityModuleOptions {
  jwt: JwtOptions;
  /** `Authorization` schemes a token is read from, compared case-insensitively (default `['Bearer']`). */
  schemes?: string[];
  /** Builds `request.user` from the claims (default: the claims themselves). */
  validate?: ValidateUser;
  /** Where `RolesGuard` finds a user's roles (default: `user.roles`). */
  rolesOf?: (user: unknown) => readonly string[] | undefined;
  /**
   * Strategies tried after the JWT one (a passport strategy through `passportStrategy()`): the
   * first success authenticates the request.
   */
  strategies?: AuthStrategy[];
  /** The cost and limits of `PasswordHasher`, and verifiers of older hashes. */
  password?: PasswordHasherOptions;
  /**
   * `false` registers neither `AuthenticationGuard` nor `RolesGuard` as global guards (default
   * `true`: every route needs a token unless `@Public()`). For `forRootAsync()`, give it beside
   * the factory: `forRootAsync({ useFactory, globalGuards: false })`.
   */
  globalGuards?: boolean;
}
