import 'reflect-metadata';
import type { HttpApplication } from '@tenon/http';
import { ConduitClient, createTestApp, type TestUser } from './conduit-client';

/** Every endpoint that takes a body, with a valid body to break. */
interface Endpoint {
  method: string;
  path: () => string;
  wrapper: string;
  valid: Record<string, unknown>;
  /** Fields whose oversized value must be refused. */
  strings: string[];
  auth: boolean;
}

const huge = 'x'.repeat(200_001);

// Each file boots the app on its own embedded database and hashes passwords with argon2id.
jest.setTimeout(60_000);

describe('bad input gets the spec 422 shape, never a 500 (e2e)', () => {
  let app: HttpApplication;
  let api: ConduitClient;
  let user: TestUser;
  let slug: string;
  const endpoints: Endpoint[] = [
    {
      method: 'POST',
      path: () => '/users',
      wrapper: 'user',
      valid: { username: 'valid_name', email: 'valid@example.com', password: 'password123' },
      strings: ['username', 'email', 'password'],
      auth: false,
    },
    {
      method: 'POST',
      path: () => '/users/login',
      wrapper: 'user',
      valid: { email: 'valid@example.com', password: 'password123' },
      strings: ['email', 'password'],
      auth: false,
    },
    {
      method: 'PUT',
      path: () => '/user',
      wrapper: 'user',
      valid: { bio: 'hello' },
      strings: ['email', 'username', 'password', 'bio', 'image'],
      auth: true,
    },
    {
      method: 'POST',
      path: () => '/articles',
      wrapper: 'article',
      valid: { title: 't', description: 'd', body: 'b', tagList: ['x'] },
      strings: ['title', 'description', 'body'],
      auth: true,
    },
    {
      method: 'PUT',
      path: () => `/articles/${slug}`,
      wrapper: 'article',
      valid: { body: 'b' },
      strings: ['title', 'description', 'body'],
      auth: true,
    },
    {
      method: 'POST',
      path: () => `/articles/${slug}/comments`,
      wrapper: 'comment',
      valid: { body: 'b' },
      strings: ['body'],
      auth: true,
    },
  ];

  beforeAll(async () => {
    app = await createTestApp();
    api = new ConduitClient(app);
    user = await api.register('bad');
    slug = (await api.createArticle(user)).slug;
  });

  afterAll(() => app.close());

  function expect422(
    label: string,
    res: { status: number; body: any; headers: Record<string, unknown> },
  ): void {
    expect({ label, status: res.status }).toEqual({ label, status: 422 });
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Object.keys(res.body)).toEqual(['errors']);
    expect(Object.keys(res.body.errors)).toEqual(['body']);
    expect(res.body.errors.body.length).toBeGreaterThan(0);
    for (const message of res.body.errors.body) expect(typeof message).toBe('string');
  }

  for (const index of [0, 1, 2, 3, 4, 5]) {
    describe(`endpoint #${index}`, () => {
      const send = (
        e: Endpoint,
        options: { body?: unknown; raw?: string; headers?: Record<string, string> },
      ) => api.call(e.method, e.path(), { ...options, ...(e.auth ? { token: user.token } : {}) });

      it('malformed JSON', async () => {
        const e = endpoints[index]!;
        for (const raw of ['{', '{"user": }', 'nul', '{"a":1}}', "{'single': 'quotes'}"]) {
          expect422(`${e.method} ${e.path()} ${raw}`, await send(e, { raw }));
        }
      });

      it('a body that is not the wrapper object, or no body at all', async () => {
        const e = endpoints[index]!;
        for (const body of [
          [],
          'text',
          42,
          null,
          {},
          { [e.wrapper]: null },
          { [e.wrapper]: 'x' },
          { [e.wrapper]: [e.valid] },
        ]) {
          expect422(`${e.method} ${e.path()} ${JSON.stringify(body)}`, await send(e, { body }));
        }
        expect422(
          `${e.method} ${e.path()} without body`,
          await api.call(e.method, e.path(), e.auth ? { token: user.token } : {}),
        );
      });

      it('fields of the wrong type', async () => {
        const e = endpoints[index]!;
        for (const field of e.strings) {
          for (const value of [123, true, { nested: 1 }, ['a']]) {
            const res = await send(e, { body: { [e.wrapper]: { ...e.valid, [field]: value } } });
            expect422(`${e.method} ${e.path()} ${field}=${JSON.stringify(value)}`, res);
          }
        }
      });

      it('oversized strings', async () => {
        const e = endpoints[index]!;
        for (const field of e.strings) {
          const res = await send(e, { body: { [e.wrapper]: { ...e.valid, [field]: huge } } });
          expect422(`${e.method} ${e.path()} ${field} of ${huge.length} characters`, res);
        }
      });

      it('unknown fields, inside and outside the wrapper', async () => {
        const e = endpoints[index]!;
        const inside = await send(e, { body: { [e.wrapper]: { ...e.valid, admin: true } } });
        expect422(`${e.method} ${e.path()} admin inside`, inside);
        expect(inside.body.errors.body).toContain('property admin should not exist');
        expect422(
          `${e.method} ${e.path()} admin outside`,
          await send(e, { body: { [e.wrapper]: e.valid, admin: true } }),
        );
      });

      it('unknown keys named like Object.prototype members, inside and outside the wrapper', async () => {
        const e = endpoints[index]!;
        for (const key of ['toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf']) {
          const inside = await send(e, { body: { [e.wrapper]: { ...e.valid, [key]: 'x' } } });
          expect422(`${e.method} ${e.path()} ${key} inside`, inside);
          expect(inside.body.errors.body).toContain(`property ${key} should not exist`);
          expect422(
            `${e.method} ${e.path()} ${key} outside`,
            await send(e, { body: { [e.wrapper]: e.valid, [key]: 1 } }),
          );
        }
      });

      it('prototype-polluting keys', async () => {
        const e = endpoints[index]!;
        const raw = `{"${e.wrapper}": {"__proto__": {"isAdmin": true}}}`;
        expect422(`${e.method} ${e.path()} __proto__`, await send(e, { raw }));
      });
    });
  }

  it('tags that are not strings, too many, blank or too long', async () => {
    for (const tagList of ['dragons', [1], Array(21).fill('t'), ['  '], ['x'.repeat(51)]]) {
      const res = await api.call('POST', '/articles', {
        token: user.token,
        body: { article: { title: 't', description: 'd', body: 'b', tagList } },
      });
      expect422(`tagList ${JSON.stringify(tagList).slice(0, 40)}`, res);
    }
  });

  it('blank required strings', async () => {
    const res = await api.call('POST', '/articles', {
      token: user.token,
      body: { article: { title: '   ', description: 'd', body: 'b' } },
    });
    expect422('blank title', res);
    expect(res.body.errors.body).toEqual(['title must not be blank']);
  });

  it('unknown and malformed query parameters', async () => {
    for (const query of [
      'foo=bar',
      'limit=',
      'limit=1e3',
      'offset=1.5',
      'tag=' + 'x'.repeat(51),
      // Read as 16 by Number(); a client writing them means no number.
      'limit=0x10',
      'limit=1e1',
      'limit=%2016',
      'limit=16abc',
      'limit=%2B16',
      'offset=0b1',
      // Keys every object inherits, which class-transformer skipped before the whitelist saw them.
      'toString=x',
      'hasOwnProperty=x',
      'valueOf=x',
      '__defineGetter__=x',
      'isPrototypeOf=x',
      'constructor=x',
    ]) {
      expect422(`GET /articles?${query}`, await api.call('GET', `/articles?${query}`));
    }
  });

  it('the NUL character, which PostgreSQL cannot store or compare, in paths, queries and bodies', async () => {
    const cases: [string, string, unknown, string][] = [
      ['GET', '/articles/%00', undefined, 'slug must not contain the NUL character (\\u0000)'],
      ['GET', '/articles/a%00/comments', undefined, 'slug must not contain the NUL character (\\u0000)'],
      ['GET', '/profiles/%00', undefined, 'username must not contain the NUL character (\\u0000)'],
      ['POST', '/profiles/a%00/follow', undefined, 'username must not contain the NUL character (\\u0000)'],
      ['GET', '/articles?tag=%00', undefined, 'tag must not contain the NUL character (\\u0000)'],
      ['GET', '/articles?author=a%00b', undefined, 'author must not contain the NUL character (\\u0000)'],
      ['GET', '/articles?favorited=%00', undefined, 'favorited must not contain the NUL character (\\u0000)'],
      [
        'DELETE',
        `/articles/${'x'}/comments/1%00`,
        undefined,
        'id must not contain the NUL character (\\u0000)',
      ],
      [
        'POST',
        '/articles',
        { article: { title: 'a\u0000b', description: 'd', body: 'b' } },
        'article.title must not contain the NUL character (\\u0000)',
      ],
      [
        'POST',
        '/articles',
        { article: { title: 't', description: 'd', body: 'b', tagList: ['ok', '\u0000'] } },
        'article.tagList.1 must not contain the NUL character (\\u0000)',
      ],
      ['PUT', '/user', { user: { bio: '\u0000' } }, 'user.bio must not contain the NUL character (\\u0000)'],
      [
        'POST',
        `/articles/${slug}/comments`,
        { comment: { body: 'x\u0000' } },
        'comment.body must not contain the NUL character (\\u0000)',
      ],
    ];
    for (const [method, path, body, message] of cases) {
      const res = await api.call(method, path, {
        token: user.token,
        ...(body !== undefined ? { body } : {}),
      });
      expect422(`${method} ${path}`, res);
      expect(res.body.errors.body).toEqual([message]);
    }
  });

  it('a path with a trailing slash is a path no route has: 404, not 405 or another route', async () => {
    for (const path of ['/tags/', '/articles/', `/articles/${slug}/`, '/articles/feed/', '/user/']) {
      const res = await api.call('GET', path, { token: user.token });
      expect([path, res.status, res.headers.allow]).toEqual([path, 404, undefined]);
      expect(Object.keys(res.body)).toEqual(['errors']);
    }
  });

  it('a body larger than the server accepts keeps the spec shape', async () => {
    const res = await api.call('POST', '/articles', {
      token: user.token,
      raw: `{"article":{"body":"${'x'.repeat(1_100_000)}"}}`,
    });
    expect(res.status).toBe(413);
    expect(Object.keys(res.body)).toEqual(['errors']);
  });
});
