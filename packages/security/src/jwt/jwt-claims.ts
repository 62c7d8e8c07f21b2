/**
 * The claims of a verified token: the registered ones (`sub`, `exp`, `iat`, `iss`, `aud`, …)
 * and whatever the application signed. `sub` is a number when a number was signed (see
 * `JwtService.sign()`), else a string.
 */
export interface JwtClaims extends Record<string, unknown> {
  sub?: string | number;
  iss?: string;
  aud?: string | string[];
  jti?: string;
  nbf?: number;
  exp?: number;
  iat?: number;
}

/**
 * What `JwtService.sign()` takes: the application's claims; `exp`, `iat`, `iss` and `aud` are
 * written by the service from its options.
 */
export interface SignOptions {
  /** The `sub` claim (usually the user's id); wins over a `sub` among the claims. */
  subject?: string;
  /** Overrides the module's `expiresIn` for this token. */
  expiresIn?: number | string;
  /** Overrides the module's audience for this token. */
  audience?: string | string[];
}
