import { Inject, Injectable, Optional } from '@tenon/core';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { InvalidPasswordException } from '../errors/auth.exceptions';
import { SECURITY_OPTIONS } from '../module/security.tokens';
import type { SecurityModuleOptions } from '../module/security-options';
import type { PasswordHasherOptions } from './password-hasher-options';

// @node-rs/argon2's `Algorithm.Argon2id`, a const enum that isolated-module builds cannot inline.
const ARGON2ID = 2;
const DEFAULTS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, maxBytes: 1024 };
const ARGON2ID_PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;

/**
 * Hashes and verifies passwords with argon2id (@node-rs/argon2, prebuilt binaries). Hashing
 * runs on libuv's thread pool, never on the event loop, so logins do not stall other requests.
 * The stored string is PHC-formatted (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`) and carries its
 * own cost, so the cost can be raised later: `needsRehash()` tells when to store a new hash.
 * Empty and over-long passwords are refused (422) rather than hashed.
 *
 * @example
 * const stored = await hasher.hash('correct horse battery staple');
 * await hasher.verify('correct horse battery staple', stored); // true
 */
@Injectable()
export class PasswordHasher {
  private readonly cost: { memoryCost: number; timeCost: number; parallelism: number };
  private readonly maxBytes: number;
  private readonly options: PasswordHasherOptions;

  constructor(@Optional() @Inject(SECURITY_OPTIONS) security?: SecurityModuleOptions) {
    this.options = security?.password ?? {};
    const { memoryCost, timeCost, parallelism, maxBytes } = { ...DEFAULTS, ...this.options };
    this.cost = { memoryCost, timeCost, parallelism };
    this.maxBytes = maxBytes;
  }

  /** The argon2id hash of `password`; an `InvalidPasswordException` (422) for an empty or over-long one. */
  async hash(password: string): Promise<string> {
    if (typeof password !== 'string' || password.length === 0)
      throw new InvalidPasswordException('it is empty');
    if (Buffer.byteLength(password, 'utf8') > this.maxBytes)
      throw new InvalidPasswordException(`it is longer than ${this.maxBytes} bytes`);
    return argon2Hash(password.normalize('NFC'), { ...this.cost, algorithm: ARGON2ID });
  }

  /**
   * Whether `password` matches `stored` (an argon2 hash, or one a legacy verifier recognises).
   * False, without hashing, for an empty or over-long password and for a value no verifier reads.
   */
  async verify(password: string, stored: string): Promise<boolean> {
    if (typeof password !== 'string' || password.length === 0 || typeof stored !== 'string') return false;
    if (Buffer.byteLength(password, 'utf8') > this.maxBytes) return false;
    if (stored.startsWith('$argon2')) {
      try {
        return await argon2Verify(stored, password.normalize('NFC'));
      } catch {
        return false; // a malformed hash matches nothing
      }
    }
    const legacy = this.options.legacy?.find((v) => v.matches(stored));
    return legacy ? legacy.verify(password, stored) : false;
  }

  /** True when `stored` is not an argon2id hash with the current cost: store a new hash at the next login. */
  needsRehash(stored: string): boolean {
    const match = ARGON2ID_PHC.exec(stored);
    if (!match) return true;
    const [m, t, p] = match.slice(1).map(Number);
    return m !== this.cost.memoryCost || t !== this.cost.timeCost || p !== this.cost.parallelism;
  }
}
