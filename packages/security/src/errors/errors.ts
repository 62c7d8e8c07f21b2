/**
 * The registry of every `@tenon/security` error code. Boot codes are thrown while the module's
 * providers are built; request codes are the `code` member of 401/403/422 problem responses.
 * Each code has a row in `docs/errors.md` (a test checks it).
 */
export const SecurityErrorCode = {
  // Boot: the module's options cannot give safe tokens.
  NO_SECRET: 'TENON_SECURITY_NO_SECRET',
  WEAK_SECRET: 'TENON_SECURITY_WEAK_SECRET',
  DEVELOPMENT_SECRET_IN_PRODUCTION: 'TENON_SECURITY_DEVELOPMENT_SECRET_IN_PRODUCTION',
  INVALID_JWT_OPTIONS: 'TENON_SECURITY_INVALID_JWT_OPTIONS',
  INVALID_KEY: 'TENON_SECURITY_INVALID_KEY',
  // Programmer misuse at the call.
  INVALID_SUBJECT: 'TENON_SECURITY_INVALID_SUBJECT',
  // Requests: what a client sent, answered with a problem response.
  UNAUTHENTICATED: 'TENON_SECURITY_UNAUTHENTICATED',
  INVALID_TOKEN: 'TENON_SECURITY_INVALID_TOKEN',
  TOKEN_EXPIRED: 'TENON_SECURITY_TOKEN_EXPIRED',
  UNKNOWN_USER: 'TENON_SECURITY_UNKNOWN_USER',
  STRATEGY_FAILED: 'TENON_SECURITY_STRATEGY_FAILED',
  FORBIDDEN_ROLE: 'TENON_SECURITY_FORBIDDEN_ROLE',
  INVALID_PASSWORD: 'TENON_SECURITY_INVALID_PASSWORD',
} as const;

export type SecurityErrorCode = (typeof SecurityErrorCode)[keyof typeof SecurityErrorCode];
