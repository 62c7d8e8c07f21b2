import { preview } from '../lib/checks';
import type { HttpResult } from '../lib/http';
import type { PartReporter } from '../lib/report';

type Api = (method: string, path: string, body?: unknown, token?: string) => Promise<HttpResult>;

// What a production error body must not show a client: the schema and the code behind it.
const SCHEMA_DETAIL =
  /constraint|_key\b|_pkey|duplicate key|relation "|column "|\btable\b|Entity\b|Repository\b|SELECT |INSERT /i;

/**
 * The probe's findings that one request each shows, pinned against the same realworld process:
 * a trailing slash is a 404 (it was a 405 naming the methods), lengths count code points as
 * PostgreSQL does (101 emoji fit a 200-character title; variation selectors count), a conflict
 * in production names no table, column or constraint, unknown keys named like `Object.prototype`
 * members are refused like any other unknown key, responses that carry a token are never
 * stored by caches, and Swagger UI's own index page with a query redirects once to the docs
 * (it was a redirect loop). Runs before the login rate limit is spent.
 */
export async function probeFindings(
  r: PartReporter,
  api: Api,
  token: string,
  username: string,
): Promise<void> {
  const slashed = await api('GET', '/api/tags/');
  r.figure(
    'GET /api/tags/',
    `${slashed.status}${slashed.headers.allow ? ` (Allow: ${slashed.headers.allow})` : ''}`,
  );
  r.check(
    slashed.status === 404 && slashed.headers.allow === undefined,
    `GET /api/tags/ answered ${slashed.status}${slashed.headers.allow ? ` with Allow: ${slashed.headers.allow}` : ''}, not 404`,
  );

  const article = (title: string) =>
    api('POST', '/api/articles', { article: { title, description: 'd', body: 'b', tagList: [] } }, token);
  const emoji = await article('\u{1F600}'.repeat(101));
  const selectors = await article(`a${'\uFE0F'.repeat(200)}`);
  r.figure(
    'title of 101 emoji / of 201 code points with variation selectors',
    `${emoji.status} / ${selectors.status}`,
  );
  r.check(
    emoji.status === 201,
    `a title of 101 emoji (200 allowed) answered ${emoji.status}: ${preview(emoji.body)}`,
  );
  r.check(
    selectors.status === 422,
    `a title of 201 code points (variation selectors) answered ${selectors.status}, not 422`,
  );

  const duplicate = await api('POST', '/api/users', {
    user: { username, email: `again-${Date.now()}@example.com`, password: 'password-123' },
  });
  r.figure('a taken username', `${duplicate.status} ${preview(duplicate.body)}`);
  r.check(
    duplicate.status >= 400 && duplicate.status < 500,
    `registering a taken username answered ${duplicate.status}, not a 4xx`,
  );
  r.check(
    !SCHEMA_DETAIL.test(duplicate.body),
    `a production conflict body shows schema detail: ${preview(duplicate.body)}`,
  );

  for (const [what, res] of [
    ['GET /api/user', await api('GET', '/api/user', undefined, token)],
    [
      'POST /api/users',
      await api('POST', '/api/users', {
        user: {
          username: `store-${Date.now()}`,
          email: `store-${Date.now()}@example.com`,
          password: 'password-123',
        },
      }),
    ],
  ] as const) {
    const cacheControl = String(res.headers['cache-control'] ?? '');
    r.check(
      res.status < 300 && /\bno-store\b/.test(cacheControl),
      `${what} (it carries a token) answered ${res.status} with Cache-Control "${cacheControl}", not no-store`,
    );
  }

  const prototypeKeys = await Promise.all(
    ['toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'].map(async (key) => {
      const res = await api(
        'POST',
        '/api/articles',
        { article: { title: `Key ${key}`, description: 'd', body: 'b', tagList: [], [key]: 'x' } },
        token,
      );
      return `${key} ${res.status}`;
    }),
  );
  const query = await api('GET', '/api/articles?toString=x');
  r.figure(
    'unknown keys named like Object.prototype members',
    `${prototypeKeys.join(', ')}; ?toString=x ${query.status}`,
  );
  r.check(
    prototypeKeys.every((k) => k.endsWith(' 422')) && query.status === 422,
    `unknown keys named like Object.prototype members were not all refused (422): ${prototypeKeys.join(', ')}; ?toString=x ${query.status}`,
  );

  const swagger = await api('GET', '/docs/static/index.html?x=1');
  const location = String(swagger.headers.location ?? '');
  const target = location.startsWith('/') ? await api('GET', location) : undefined;
  r.figure(
    'GET /docs/static/index.html?x=1',
    `${swagger.status} to ${location || '(nowhere)'}, then ${target?.status ?? '-'}`,
  );
  r.check(
    swagger.status >= 300 && swagger.status < 400 && location === '/docs/?x=1' && target?.status === 200,
    `Swagger UI's index page with a query answered ${swagger.status} to "${location}" then ${target?.status ?? 'nothing'}, not one redirect to /docs/?x=1 and a 200`,
  );
}

/**
 * A password change ends every older token (they carry the account's token version): the old
 * token is a 401 at once, the one the change answered works. Uses an account of its own.
 */
export async function passwordChangeEndsTokens(r: PartReporter, api: Api): Promise<void> {
  const name = `rotate-${Date.now()}`;
  const registered = await api('POST', '/api/users', {
    user: { username: name, email: `${name}@example.com`, password: 'password-123' },
  });
  const old = (JSON.parse(registered.body) as { user: { token: string } }).user.token;
  const changed = await api('PUT', '/api/user', { user: { password: 'another-password-456' } }, old);
  const fresh =
    changed.status === 200 ? (JSON.parse(changed.body) as { user: { token: string } }).user.token : '';
  const [withOld, withNew] = [
    await api('GET', '/api/user', undefined, old),
    await api('GET', '/api/user', undefined, fresh),
  ];
  r.figure('after a password change: the old token / the new one', `${withOld.status} / ${withNew.status}`);
  r.check(
    changed.status === 200 && withOld.status === 401 && withNew.status === 200,
    `after a password change (${changed.status}) the old token answered ${withOld.status} (not 401) and the new one ${withNew.status}`,
  );
}
