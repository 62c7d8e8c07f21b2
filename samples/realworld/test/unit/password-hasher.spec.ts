import 'reflect-metadata';
import { PasswordHasher } from '../../src/auth/password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('stores scrypt with its parameters and a random salt, and verifies the password', async () => {
    const [a, b] = await Promise.all([hasher.hash('correct horse'), hasher.hash('correct horse')]);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{86}==$/);
    expect(a).not.toBe(b); // salted
    await expect(hasher.verify('correct horse', a)).resolves.toBe(true);
    await expect(hasher.verify('correct horse', b)).resolves.toBe(true);
  });

  it('rejects a wrong password, and values it did not write', async () => {
    const stored = await hasher.hash('correct horse');
    await expect(hasher.verify('Correct horse', stored)).resolves.toBe(false);
    await expect(hasher.verify('correct horse', 'plain-text')).resolves.toBe(false);
    await expect(hasher.verify('correct horse', 'bcrypt$1$2$3$4$5')).resolves.toBe(false);
    await expect(hasher.verify('correct horse', stored.replace(/\$\d+\$/, '$0$'))).resolves.toBe(false);
    const truncated = stored.slice(0, stored.lastIndexOf('$') + 10);
    await expect(hasher.verify('correct horse', truncated)).resolves.toBe(false);
  });

  it('treats canonically equivalent Unicode passwords as the same password', async () => {
    const stored = await hasher.hash('caf\u00e9'); // precomposed é
    await expect(hasher.verify('cafe\u0301', stored)).resolves.toBe(true); // e + combining accent
  });
});
