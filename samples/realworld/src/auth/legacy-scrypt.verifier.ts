import { scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { LegacyPasswordVerifier } from '@tenon/security';

const KEY_LENGTH = 64;

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; Node's default ceiling (32 MiB) is exactly N = 2^15, r = 8.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * Verifies the scrypt hashes (`scrypt$N$r$p$salt$hash`) this sample stored before it moved to
 * argon2id, so existing accounts keep logging in; the login then stores an argon2id hash
 * (`PasswordHasher.needsRehash`). Costs above the ones the sample wrote are refused rather than
 * computed: a stored value cannot make a login take minutes.
 *
 * @example
 * SecurityModule.forRoot({ jwt, password: { legacy: [legacyScryptVerifier] } });
 */
export const legacyScryptVerifier: LegacyPasswordVerifier = {
  name: 'scrypt',
  matches: (stored) => stored.startsWith('scrypt$'),
  async verify(password, stored) {
    const parts = stored.split('$');
    if (parts.length !== 6) return false;
    const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
    if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 15 || r > 8 || p > 1) return false;
    const expected = Buffer.from(parts[5]!, 'base64');
    if (expected.length !== KEY_LENGTH) return false;
    const actual = await derive(password, Buffer.from(parts[4]!, 'base64'), N, r, p);
    // Constant time: the comparison must not tell an attacker how many bytes matched.
    return timingSafeEqual(actual, expected);
  },
};
