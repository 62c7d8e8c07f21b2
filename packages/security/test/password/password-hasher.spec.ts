import 'reflect-metadata';
import { scrypt, timingSafeEqual, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  InvalidPasswordException,
  PasswordHasher,
  SecurityErrorCode,
  type LegacyPasswordVerifier,
  type SecurityModuleOptions,
} from '@tenon/security';

const scryptAsync = promisify(scrypt) as (p: string, s: Buffer, n: number) => Promise<Buffer>;

// The hasher's cost is lowered for speed where the test is not about the cost.
const cheap = { password: { memoryCost: 1024, timeCost: 1 } } as SecurityModuleOptions;

async function refusal(promise: Promise<unknown>): Promise<InvalidPasswordException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidPasswordException);
  return error as InvalidPasswordException;
}

describe('PasswordHasher', () => {
  it('hashes with argon2id at the OWASP cost by default and verifies', async () => {
    const hasher = new PasswordHasher();
    const stored = await hasher.hash('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    await expect(hasher.verify('correct horse battery staple', stored)).resolves.toBe(true);
    await expect(hasher.verify('correct horse battery stapler', stored)).resolves.toBe(false);
    expect(hasher.needsRehash(stored)).toBe(false);
    // Two hashes of one password differ (random salt).
    expect(await hasher.hash('correct horse battery staple')).not.toBe(stored);
  });

  it('treats composed and decomposed Unicode as one password', async () => {
    const hasher = new PasswordHasher(cheap);
    const stored = await hasher.hash('caf\u00e9');
    await expect(hasher.verify('cafe\u0301', stored)).resolves.toBe(true);
  });

  it('refuses to hash an empty password', async () => {
    const error = await refusal(new PasswordHasher(cheap).hash(''));
    expect(error.code).toBe(SecurityErrorCode.INVALID_PASSWORD);
    expect(error.status).toBe(422);
    expect(error.message).toBe('The password cannot be used: it is empty.');
  });

  it('refuses to hash a huge password, and verifies one as false without hashing it', async () => {
    const hasher = new PasswordHasher(cheap);
    const error = await refusal(hasher.hash('x'.repeat(5_000_000)));
    expect(error.message).toBe('The password cannot be used: it is longer than 1024 bytes.');
    // 1024 bytes counted in UTF-8: 342 three-byte characters are 1026 bytes.
    await refusal(hasher.hash('\u20ac'.repeat(342)));
    await expect(hasher.hash('\u20ac'.repeat(341))).resolves.toMatch(/^\$argon2id\$/);
    const stored = await hasher.hash('secret-password');
    await expect(hasher.verify('x'.repeat(5_000_000), stored)).resolves.toBe(false);
    // Refused before any verifier runs: a huge password must not cost a hash (a cheap way to burn
    // CPU). A legacy verifier that accepts everything shows whether one was asked.
    const verify = jest.fn(async (_password: string, _stored: string) => true);
    const verifier: LegacyPasswordVerifier = { name: 'accepts-all', matches: () => true, verify };
    const withLegacy = new PasswordHasher({
      password: { ...cheap.password, legacy: [verifier] },
    } as SecurityModuleOptions);
    await expect(withLegacy.verify('x'.repeat(5_000_000), 'legacy-hash')).resolves.toBe(false);
    expect(verify).not.toHaveBeenCalled();
    await expect(withLegacy.verify('x'.repeat(1024), 'legacy-hash')).resolves.toBe(true);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('verifies empty passwords and malformed or unknown stored values as false', async () => {
    const hasher = new PasswordHasher(cheap);
    const stored = await hasher.hash('secret-password');
    await expect(hasher.verify('', stored)).resolves.toBe(false);
    await expect(hasher.verify('secret-password', '$argon2id$v=19$m=1024,t=1,p=1$garbage')).resolves.toBe(
      false,
    );
    await expect(hasher.verify('secret-password', 'plain-text')).resolves.toBe(false);
    await expect(hasher.verify('secret-password', '')).resolves.toBe(false);
  });

  it('keeps verifying legacy hashes and asks for a rehash', async () => {
    // The scrypt format the RealWorld sample stored before argon2id.
    const legacy: LegacyPasswordVerifier = {
      name: 'scrypt',
      matches: (stored) => stored.startsWith('scrypt$'),
      async verify(password, stored) {
        const [, salt, key] = stored.split('$');
        const actual = await scryptAsync(password, Buffer.from(salt!, 'base64'), 32);
        return timingSafeEqual(actual, Buffer.from(key!, 'base64'));
      },
    };
    const salt = randomBytes(16);
    const old = `scrypt$${salt.toString('base64')}$${(await scryptAsync('old-password', salt, 32)).toString('base64')}`;
    const hasher = new PasswordHasher({
      password: { ...cheap.password, legacy: [legacy] },
    } as SecurityModuleOptions);
    await expect(hasher.verify('old-password', old)).resolves.toBe(true);
    await expect(hasher.verify('wrong-password', old)).resolves.toBe(false);
    expect(hasher.needsRehash(old)).toBe(true);
    const upgraded = await hasher.hash('old-password');
    expect(hasher.needsRehash(upgraded)).toBe(false);
    // A hash at another cost is verified and flagged for a rehash at the current cost.
    expect(new PasswordHasher().needsRehash(upgraded)).toBe(true);
    await expect(new PasswordHasher().verify('old-password', upgraded)).resolves.toBe(true);
  });

  it('hashes off the event loop: timers keep firing while 32 hashes run', async () => {
    const hasher = new PasswordHasher();
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const started = performance.now();
    // 32, not 8: on a quiet machine Node 26 ran 8 in 46 ms, too short a span to tell a stall from
    // the work (the check below needs the hashes to take clearly longer than a timer's period).
    await Promise.all(Array.from({ length: 32 }, (_, i) => hasher.hash(`password-${i}`)));
    const elapsed = performance.now() - started;
    delay.disable();
    // Hashed on the event loop, the 32 hashes would be one stall as long as all of them
    // (hashSync: max delay = elapsed). Off the loop, a stall is at most a scheduling hiccup of
    // this shared 2-core machine, well under half the time the hashes took.
    expect(elapsed).toBeGreaterThan(50);
    expect(delay.max / 1e6).toBeLessThan(elapsed / 2);
  });
});
