import 'reflect-metadata';
import { randomBytes, scrypt } from 'node:crypto';
import type { HttpApplication } from '@tenon/http';
import { UserRepository } from '../../src/users/user.repository';
import { ConduitClient, createTestApp, errors } from '../e2e/conduit-client';

// Issue 15, item 12: passwords hashed with argon2id, accounts of the scrypt era still log in
// (and are rehashed), a password change ends every older token, and the responses that carry
// a token are not cached.
jest.setTimeout(60_000);

function scryptHash(password: string): Promise<string> {
  const salt = randomBytes(16);
  return new Promise((resolve, reject) =>
    scrypt(password, salt, 64, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error
        ? reject(error)
        : resolve(['scrypt', 2 ** 15, 8, 1, salt.toString('base64'), key.toString('base64')].join('$')),
    ),
  );
}

describe('credentials', () => {
  let app: HttpApplication;
  let api: ConduitClient;
  beforeAll(async () => {
    app = await createTestApp();
    api = new ConduitClient(app);
  });
  afterAll(() => app.close());

  it('stores argon2id hashes', async () => {
    const user = await api.register('argon');
    const stored = await app.get(UserRepository).findOneByUsername(user.username);
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('logs in an account whose hash is from the scrypt era, and stores an argon2id hash then', async () => {
    const users = app.get(UserRepository);
    const legacy = await users.save({
      username: 'legacy_user',
      email: 'legacy@example.com',
      passwordHash: await scryptHash('old-password-1'),
      bio: '',
      image: '',
    });
    const wrong = await api.call('POST', '/users/login', {
      body: { user: { email: 'legacy@example.com', password: 'not-the-password' } },
    });
    expect([wrong.status, wrong.body]).toEqual([401, errors('email or password is invalid')]);
    expect((await users.findById(legacy.id))!.passwordHash).toMatch(/^scrypt\$/);
    const res = await api.call('POST', '/users/login', {
      body: { user: { email: 'legacy@example.com', password: 'old-password-1' } },
    });
    expect(res.status).toBe(200);
    expect((await users.findById(legacy.id))!.passwordHash).toMatch(/^\$argon2id\$/);
    const again = await api.call('POST', '/users/login', {
      body: { user: { email: 'legacy@example.com', password: 'old-password-1' } },
    });
    expect(again.status).toBe(200);
  });

  it('ends every older token when the password changes; other changes keep them', async () => {
    const user = await api.register('pwchange');
    const bio = await api.call('PUT', '/user', { token: user.token, body: { user: { bio: 'new bio' } } });
    expect(bio.status).toBe(200);
    expect((await api.call('GET', '/user', { token: user.token })).status).toBe(200);

    const changed = await api.call('PUT', '/user', {
      token: user.token,
      body: { user: { password: 'a-new-password' } },
    });
    expect(changed.status).toBe(200);
    const fresh = changed.body.user.token as string;
    expect((await api.call('GET', '/user', { token: fresh })).status).toBe(200);
    const old = await api.call('GET', '/user', { token: user.token });
    expect([old.status, old.body]).toEqual([
      401,
      errors(
        'The token names a user that does not exist or whose credentials changed. Log in again to get a new token.',
      ),
    ]);
    const login = await api.call('POST', '/users/login', {
      body: { user: { email: user.email, password: 'a-new-password' } },
    });
    expect(login.status).toBe(200);
    expect((await api.call('GET', '/user', { token: login.body.user.token })).status).toBe(200);
  });

  it('answers Cache-Control: no-store where a token is in the body', async () => {
    const user = await api.register('nostore');
    const login = await api.call('POST', '/users/login', {
      body: { user: { email: user.email, password: user.password } },
    });
    const replies = [
      login,
      await api.call('GET', '/user', { token: user.token }),
      await api.call('PUT', '/user', { token: user.token, body: { user: { bio: 'x' } } }),
      await api.call('POST', '/users', {
        body: { user: { username: 'nostore2', email: 'nostore2@example.com', password: 'password123' } },
      }),
    ];
    for (const reply of replies) {
      expect(reply.status).toBeLessThan(300);
      expect(reply.headers['cache-control']).toBe('no-store');
    }
    // Refusals too: a 401 of /user may still describe the account.
    expect((await api.call('GET', '/user')).headers['cache-control']).toBe('no-store');
    expect((await api.call('GET', '/tags')).headers['cache-control']).toBeUndefined();
  });
});
