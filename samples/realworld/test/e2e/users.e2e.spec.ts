import 'reflect-metadata';
import type { HttpApplication } from '@tenon/http';
import { createHmac } from 'node:crypto';
import { ConduitClient, createTestApp, errors, TEST_JWT_SECRET, type TestUser } from './conduit-client';

// Each file boots the app on its own embedded database and hashes passwords with argon2id.
const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
/** An HS256 token made by hand, as a client or an attacker could. */
function hs256(payload: Record<string, unknown>, secret: string): string {
  const now = Math.floor(Date.now() / 1000);
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iat: now, exp: now + 600, ...payload })}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
const claimsOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

jest.setTimeout(60_000);

describe('users and authentication (e2e)', () => {
  let app: HttpApplication;
  let api: ConduitClient;
  let jake: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    api = new ConduitClient(app);
    jake = await api.register('jake');
  });

  afterAll(() => app.close());

  describe('POST /users', () => {
    it('registers a user: 201 with the user and a token', async () => {
      const name = `Ann_${Date.now().toString(36)}`;
      const res = await api.call('POST', '/users', {
        body: { user: { username: name, email: `${name}@Example.com`, password: 'password123' } },
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        user: {
          username: name,
          email: `${name.toLowerCase()}@example.com`,
          bio: '',
          image: '',
          token: expect.any(String),
        },
      });
      const [header, payload] = (res.body.user.token as string).split('.');
      expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({
        username: name,
        sub: expect.stringMatching(/^\d+$/),
        ver: 0,
      });
    });

    it('refuses a taken email (in any case) and a taken username with 422', async () => {
      const email = await api.call('POST', '/users', {
        body: {
          user: { username: 'someone_else', email: jake.email.toUpperCase(), password: 'password123' },
        },
      });
      expect(email.status).toBe(422);
      expect(email.body).toEqual(errors('email has already been taken'));
      const both = await api.call('POST', '/users', {
        body: { user: { username: jake.username, email: jake.email, password: 'password123' } },
      });
      expect(both.status).toBe(422);
      expect(both.body).toEqual(errors('email has already been taken', 'username has already been taken'));
    });

    it('gives one message per invalid field with 422', async () => {
      const res = await api.call('POST', '/users', {
        body: { user: { email: 'not-an-email', password: 'short' } },
      });
      expect(res.status).toBe(422);
      expect(res.body.errors.body).toEqual(
        expect.arrayContaining([
          'username must be a string',
          'email must be an email',
          'password must be longer than or equal to 8 characters',
        ]),
      );
    });

    it('registers two users racing for one email only once', async () => {
      const name = `racer${Date.now().toString(36)}`;
      const user = { username: name, email: `${name}@example.com`, password: 'password123' };
      const results = await Promise.all([
        api.call('POST', '/users', { body: { user } }),
        api.call('POST', '/users', { body: { user: { ...user, username: `${name}_2` } } }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
      expect(results.find((r) => r.status === 422)!.body).toEqual(errors('email has already been taken'));
    });
  });

  describe('POST /users/login', () => {
    it('logs in with the right password, whatever the case of the email', async () => {
      const res = await api.call('POST', '/users/login', {
        body: { user: { email: jake.email.toUpperCase(), password: jake.password } },
      });
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ username: jake.username, email: jake.email });
    });

    it('answers a wrong password and an unknown email alike: 401', async () => {
      for (const user of [
        { email: jake.email, password: 'wrong-password' },
        { email: 'nobody@example.com', password: jake.password },
      ]) {
        const res = await api.call('POST', '/users/login', { body: { user } });
        expect(res.status).toBe(401);
        expect(res.body).toEqual(errors('email or password is invalid'));
      }
    });
  });

  describe('GET /user', () => {
    it('returns the current user with the token sent', async () => {
      const res = await api.call('GET', '/user', { token: jake.token });
      expect(res.status).toBe(200);
      expect(res.body.user).toEqual({
        username: jake.username,
        email: jake.email,
        bio: '',
        image: '',
        token: jake.token,
      });
    });

    it('accepts the Bearer scheme too', async () => {
      const res = await api.call('GET', '/user', { headers: { authorization: `Bearer ${jake.token}` } });
      expect(res.status).toBe(200);
    });

    it('is 401 without a token', async () => {
      const res = await api.call('GET', '/user');
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.body).toEqual(
        errors('Authentication required: send the header "Authorization: Token <token>".'),
      );
    });

    it('is 401 with a malformed header, a forged token, alg none, or an expired token', async () => {
      const sub = String(claimsOf(jake.token).sub);
      const now = Math.floor(Date.now() / 1000);
      const cases: [string, string][] = [
        ['Basic abc', 'Authentication required: send the header "Authorization: Token <token>".'],
        [
          'Token',
          'The token is invalid: the Authorization header must be "Token <token>". Log in again to get a new token.',
        ],
        [
          'Token not-a-jwt',
          'The token is invalid: it is not a signed JWT (three base64url parts). Log in again to get a new token.',
        ],
        [
          `Token ${hs256({ sub, username: jake.username }, 'another-secret-of-at-least-32-characters')}`,
          'The token is invalid: its signature does not match. Log in again to get a new token.',
        ],
        [
          `Token ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub, exp: now + 60 })}.`,
          'The token is invalid: it is not a signed JWT (three base64url parts). Log in again to get a new token.',
        ],
        [
          `Token ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub, exp: now + 60 })}.AAAA`,
          'The token is invalid: its algorithm "none" is not accepted. Log in again to get a new token.',
        ],
        [
          `Token ${hs256({ sub, username: jake.username, exp: now - 1 }, TEST_JWT_SECRET)}`,
          'The token has expired. Log in again to get a new token.',
        ],
        [
          `Token ${hs256({ sub, username: jake.username, exp: undefined }, TEST_JWT_SECRET)}`,
          'The token is invalid: its "exp" claim is missing. Log in again to get a new token.',
        ],
      ];
      for (const [authorization, message] of cases) {
        const res = await api.call('GET', '/user', { headers: { authorization } });
        expect([authorization, res.status, res.body]).toEqual([authorization, 401, errors(message)]);
      }
    });

    it('is 401 for a valid token of an account that does not exist', async () => {
      const token = hs256({ sub: '999999', username: 'ghost' }, TEST_JWT_SECRET);
      const res = await api.call('GET', '/user', { token });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(
        errors(
          'The token names a user that does not exist or whose credentials changed. Log in again to get a new token.',
        ),
      );
    });
  });

  describe('PUT /user', () => {
    it('updates some fields and returns a fresh token', async () => {
      const user = await api.register('upd');
      const res = await api.call('PUT', '/user', {
        token: user.token,
        body: { user: { bio: 'I like to skateboard', image: 'https://i.example.com/a.png' } },
      });
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({
        username: user.username,
        bio: 'I like to skateboard',
        image: 'https://i.example.com/a.png',
      });
      const again = await api.call('GET', '/user', { token: res.body.user.token });
      expect(again.body.user.bio).toBe('I like to skateboard');
    });

    it('changes the password: the new one logs in, the old one does not', async () => {
      const user = await api.register('pwd');
      expect(
        (
          await api.call('PUT', '/user', {
            token: user.token,
            body: { user: { password: 'a-new-password' } },
          })
        ).status,
      ).toBe(200);
      const login = (password: string) =>
        api.call('POST', '/users/login', { body: { user: { email: user.email, password } } });
      expect((await login('a-new-password')).status).toBe(200);
      expect((await login(user.password)).status).toBe(401);
    });

    it('refuses an empty change, a taken username, and invalid values with 422', async () => {
      const user = await api.register('bad');
      const empty = await api.call('PUT', '/user', { token: user.token, body: { user: {} } });
      expect(empty.status).toBe(422);
      expect(empty.body).toEqual(
        errors('user must contain at least one of email, username, password, bio, image'),
      );
      const taken = await api.call('PUT', '/user', {
        token: user.token,
        body: { user: { username: jake.username } },
      });
      expect(taken.status).toBe(422);
      expect(taken.body).toEqual(errors('username has already been taken'));
      const invalid = await api.call('PUT', '/user', {
        token: user.token,
        body: { user: { image: 'javascript:alert(1)' } },
      });
      expect(invalid.status).toBe(422);
      expect(invalid.body).toEqual(errors('image must be an http(s) URL or empty'));
    });

    it('keeps its own email and username without calling them taken', async () => {
      const user = await api.register('same');
      const res = await api.call('PUT', '/user', {
        token: user.token,
        body: { user: { email: user.email, username: user.username } },
      });
      expect(res.status).toBe(200);
    });

    it('is 401 without a token', async () => {
      expect((await api.call('PUT', '/user', { body: { user: { bio: 'x' } } })).status).toBe(401);
    });
  });
  describe('the API as a whole', () => {
    it('serves the OpenAPI document with the spec operation ids, and Swagger UI at /docs', async () => {
      const res = await app.inject({ method: 'GET', url: '/openapi.json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json() as {
        openapi: string;
        info: { title: string };
        paths: Record<string, Record<string, { operationId?: string }>>;
      };
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.info.title).toBe('Conduit API');
      const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
      expect(ids.sort()).toEqual(
        [
          'CreateArticle',
          'CreateArticleComment',
          'CreateArticleFavorite',
          'CreateUser',
          'DeleteArticle',
          'DeleteArticleComment',
          'DeleteArticleFavorite',
          'FollowUserByUsername',
          'GetArticle',
          'GetArticleComments',
          'GetArticles',
          'GetArticlesFeed',
          'GetCurrentUser',
          'GetProfileByUsername',
          'GetTags',
          'Login',
          'UnfollowUserByUsername',
          'UpdateArticle',
          'UpdateCurrentUser',
        ].sort(),
      );
      expect(Object.keys(doc.paths)).toContain('/api/articles/{slug}/comments/{id}');
      const ui = await app.inject({ method: 'GET', url: '/docs/' });
      expect(ui.statusCode).toBe(200);
      expect(ui.headers['content-type']).toMatch(/^text\/html/);
    });

    it('lets browsers of any origin call it (CORS preflight)', async () => {
      const res = await app.inject({
        method: 'OPTIONS',
        url: '/api/articles',
        headers: { origin: 'https://conduit.example', 'access-control-request-method': 'POST' },
      });
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      const bare = await app.inject({
        method: 'OPTIONS',
        url: '/api/profiles/bob/follow',
        headers: { origin: 'https://x.example' },
      });
      expect(bare.statusCode).toBe(204);
    });

    it('answers unknown routes and methods in the spec shape', async () => {
      const missing = await api.call('GET', '/nothing-here');
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual(errors('No route matches GET /api/nothing-here.'));
      const method = await api.call('PATCH', '/user', { token: jake.token, body: { user: {} } });
      expect(method.status).toBe(405);
      expect(Object.keys(method.body)).toEqual(['errors']);
    });
  });
});
