import type { JWTPayload } from 'jose';

/**
 * The claims of a verified token: the registered ones (`sub`, `exp`, `iat`, `iss`, `aud`, …)
 * and whatever the application signed.
 */
export type JwtClaims = JWTPayload & Record<string, unknown>;

/**
 * What `JwtService.sign()` takes: the application's claims; `exp`, `iat`, `iss` and `aud` are
 * written by the service from its options.
 */
export interface SignOptions {
  /** The `sub` claim (usually the user's id). */
  subject?: string;
  /** Overrides the module's `expiresIn` for this token. */
  expiresIn?: number | string;
  /** Overrides the module's audience for this token. */
  audience?: string | string[];
}
