import 'reflect-metadata';
import type { HttpApplication } from '@tenon/http';
import { conduitHttpOptions } from '../../src/create-app';
import { ConduitClient, createTestApp, errors } from '../e2e/conduit-client';

// Issue 15, item 12: login and registration are rate-limited per client and route.
jest.setTimeout(60_000);

describe('rate limits of login and registration', () => {
  let app: HttpApplication;
  let api: ConduitClient;
  beforeAll(async () => {
    app = await createTestApp({ http: { rateLimit: conduitHttpOptions().rateLimit! } });
    api = new ConduitClient(app);
  });
  afterAll(() => app.close());

  it('allows 10 logins a minute per client, then answers 429 in the spec shape', async () => {
    expect(conduitHttpOptions().rateLimit).toEqual({ global: false, max: 10, timeWindow: '1 minute' });
    const user = await api.register('limited');
    const login = (remoteAddress = '127.0.0.1') =>
      app.inject({
        method: 'POST',
        url: '/api/users/login',
        remoteAddress,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ user: { email: user.email, password: 'wrong-password' } }),
      });
    for (let i = 0; i < 10; i++) expect((await login()).statusCode).toBe(401);
    const limited = await login();
    expect(limited.statusCode).toBe(429);
    // The window started with the first login: what is left of it, in seconds (the 10 hashes take time).
    expect(limited.headers['retry-after']).toMatch(/^([1-5]?\d|60)$/);
    const body = limited.json() as ReturnType<typeof errors>;
    expect(body.errors.body).toEqual([
      expect.stringMatching(/^Rate limit exceeded, retry in (1 minute|\d+ seconds)$/),
    ]);
    // Another client, and the other routes, are not affected.
    expect((await login('10.1.2.3')).statusCode).toBe(401);
    expect((await api.call('GET', '/user', { token: user.token })).status).toBe(200);
    expect((await api.call('GET', '/tags')).status).toBe(200);
  });

  it('counts registrations apart from logins', async () => {
    const register = (i: number) =>
      app.inject({
        method: 'POST',
        url: '/api/users',
        remoteAddress: '10.9.9.9',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({
          user: { username: `rl${i}`, email: `rl${i}@example.com`, password: 'password123' },
        }),
      });
    for (let i = 0; i < 10; i++) expect((await register(i)).statusCode).toBe(201);
    expect((await register(10)).statusCode).toBe(429);
  });
});
