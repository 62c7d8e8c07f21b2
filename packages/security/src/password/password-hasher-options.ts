/**
 * Checks stored hashes written by an earlier scheme (bcrypt, scrypt…), so that users keep
 * logging in while `PasswordHasher.needsRehash()` tells the application to store an argon2id
 * hash on their next login.
 *
 * @example
 * const bcryptHashes: LegacyPasswordVerifier = {
 *   name: 'bcrypt',
 *   matches: (stored) => stored.startsWith('$2'),
 *   verify: (password, stored) => bcrypt.compare(password, stored),
 * };
 */
export interface LegacyPasswordVerifier {
  readonly name: string;
  /** Whether the stored value is one of this verifier's hashes. */
  matches(stored: string): boolean;
  verify(password: string, stored: string): Promise<boolean>;
}

/**
 * The cost of argon2id and the limits of `PasswordHasher` (`SecurityModule` options
 * `password`). The defaults are OWASP's first argon2id configuration: 19 MiB, 2 passes, 1 lane.
 */
export interface PasswordHasherOptions {
  /** Memory in KiB (default 19,456). */
  memoryCost?: number;
  /** Passes (default 2). */
  timeCost?: number;
  /** Lanes (default 1). */
  parallelism?: number;
  /** Longest password accepted, in UTF-8 bytes (default 1,024): longer ones are refused, never hashed. */
  maxBytes?: number;
  /** Verifiers of hashes written before argon2id. */
  legacy?: LegacyPasswordVerifier[];
}
