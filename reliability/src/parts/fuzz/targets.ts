import { Writable } from 'node:stream';
import { Database, sql } from '@tenon/data';
import { HttpApplication, type HttpApplicationOptions } from '@tenon/http';
import { forgedTokens, signHs256 } from '../../lib/jwt';
import { APPS } from '../../lib/paths';
import type { AuthSpec } from './arbitraries';
import type { BuiltRequest, FuzzRoute } from './materialize';

/** An application booted in this process, with what the fuzzer needs to know about it. */
export interface FuzzTarget {
  name: string;
  app: HttpApplication;
  routes: FuzzRoute[];
  errorShape: 'problem' | 'conduit';
  validParam(name: string): string;
  authHeader(spec: AuthSpec): [string, string] | undefined;
  /** One line per table: row count and a digest of every row. */
  snapshot(): Promise<string>;
  /** Requests sent before the generated ones, every run: past failures and their regressions. */
  pinned: { route: string; request: BuiltRequest }[];
  /** Error log lines written by the app (the cause of any 500). */
  errorLogs: string[];
  close(): Promise<void>;
}

const SECRET = 'reliability-suite-secret-0123456789abcdef';

function pin(
  route: string,
  method: string,
  url: string,
  body?: string,
  headers: Record<string, string> = {},
): { route: string; request: BuiltRequest } {
  const request: BuiltRequest = {
    method,
    url,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
  };
  if (body !== undefined) request.payload = body;
  return { route, request };
}

/** A pino destination keeping error-level lines (500s log their cause there). */
function errorCapture(lines: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.includes('"level":50') || line.includes('"level":60')) lines.push(line);
      callback();
    },
  });
}

/**
 * A cheap, exact record of committed writes: a row trigger on every table of the app counts
 * inserted, updated and deleted rows into one counter (TRUNCATE counts too). The counter moves in
 * the same transaction as the write, so a request whose transaction rolled back leaves it
 * unchanged. The triggers live only in the fuzzer's in-memory database; the app never sees them
 * (they return nothing and change no row).
 */
async function snapshotOf(db: Database): Promise<() => Promise<string>> {
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'tenon_migration%'
      order by table_name`.execute(db.kysely);
  const names = tables.rows.map((r) => r.name);
  await sql`create table reliability_writes (n bigint not null)`.execute(db.kysely);
  await sql`insert into reliability_writes values (0)`.execute(db.kysely);
  await sql`create function reliability_count_write() returns trigger language plpgsql as $$
      begin update reliability_writes set n = n + 1; return null; end $$`.execute(db.kysely);
  for (const t of names) {
    await sql
      .raw(
        `create trigger reliability_rows after insert or update or delete on "${t}" for each row execute function reliability_count_write()`,
      )
      .execute(db.kysely);
    await sql
      .raw(
        `create trigger reliability_truncate after truncate on "${t}" for each statement execute function reliability_count_write()`,
      )
      .execute(db.kysely);
  }
  const text = 'select n::text as s from reliability_writes';
  return async () => {
    const result = await sql.raw<{ s: string }>(text).execute(db.kysely);
    return `${result.rows[0]!.s} rows written`;
  };
}

async function routesFromOpenApi(app: HttpApplication): Promise<FuzzRoute[]> {
  const response = await app.inject({ method: 'GET', url: '/openapi.json' });
  const doc = JSON.parse(response.body) as { paths: Record<string, Record<string, unknown>> };
  const routes: FuzzRoute[] = [];
  for (const [path, operations] of Object.entries(doc.paths))
    for (const method of Object.keys(operations))
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method))
        routes.push({ method: method.toUpperCase(), path });
  return routes;
}

/** Routes outside the OpenAPI document that every app serves, and paths no route matches. */
const EXTRA: FuzzRoute[] = [
  { method: 'GET', path: '/openapi.json' },
  { method: 'GET', path: '/docs' },
  { method: 'GET', path: '/no-such-route/{x}' },
  { method: 'POST', path: '/no-such-route' },
];

async function json<T>(
  app: HttpApplication,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await app.inject({
    method: method as 'GET',
    url,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  if (response.statusCode >= 300)
    throw new Error(`seeding ${method} ${url} answered ${response.statusCode}: ${response.body}`);
  return JSON.parse(response.body || '{}') as T;
}

function options(errorLogs: string[]): HttpApplicationOptions {
  return {
    logger: { level: 'error', destination: errorCapture(errorLogs) },
    // realworld's login and registration allow 10 attempts a minute: the fuzzer must reach
    // their validation, not the limit (part 6 and the sample's tests check the limit).
    rateLimit: { global: false, max: 1_000_000, timeWindow: '1 minute' },
  };
}

/** samples/realworld on an in-memory embedded database, seeded with two users, an article and a comment. */
export async function bootRealworld(): Promise<FuzzTarget> {
  Object.assign(process.env, {
    DATABASE_URL: 'pglite://memory',
    JWT_SECRET: SECRET,
    NODE_ENV: 'production',
    PORT: '0',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createConduitApp } = require(APPS.realworld.createApp) as {
    createConduitApp(overrides?: HttpApplicationOptions): Promise<HttpApplication>;
  };
  const errorLogs: string[] = [];
  const app = await createConduitApp(options(errorLogs));
  await app.init();
  type UserResponse = { user: { token: string; username: string } };
  const alice = await json<UserResponse>(app, 'POST', '/api/users', {
    user: { username: 'alice', email: 'alice@example.test', password: 'alice-password' },
  });
  await json(app, 'POST', '/api/users', {
    user: { username: 'bob', email: 'bob@example.test', password: 'bob-password' },
  });
  const auth = { authorization: `Token ${alice.user.token}` };
  const article = await json<{ article: { slug: string } }>(
    app,
    'POST',
    '/api/articles',
    { article: { title: 'Fuzzing', description: 'd', body: 'b', tagList: ['x', 'y'] } },
    auth,
  );
  const comment = await json<{ comment: { id: number } }>(
    app,
    'POST',
    `/api/articles/${article.article.slug}/comments`,
    { comment: { body: 'first' } },
    auth,
  );
  await json(app, 'POST', '/api/profiles/bob/follow', undefined, auth);
  const templates: Record<string, unknown> = {
    'POST /api/users': {
      user: { username: 'carol', email: 'carol@example.test', password: 'carol-password' },
    },
    'POST /api/users/login': { user: { email: 'alice@example.test', password: 'alice-password' } },
    'PUT /api/user': { user: { bio: 'hello', image: 'https://example.test/a.png', username: 'alice' } },
    'POST /api/articles': { article: { title: 'T', description: 'D', body: 'B', tagList: ['a'] } },
    'PUT /api/articles/{slug}': { article: { title: 'T2', description: 'D2', body: 'B2' } },
    'POST /api/articles/{slug}/comments': { comment: { body: 'a comment' } },
  };
  const routes = [...(await routesFromOpenApi(app)), ...EXTRA].map((r) => ({
    ...r,
    template: templates[`${r.method} ${r.path}`],
  }));
  const valid: Record<string, string> = {
    slug: article.article.slug,
    username: 'bob',
    id: String(comment.comment.id),
    x: 'x',
  };
  const tokens = forgedTokens({ sub: '1', username: 'alice' }, SECRET);
  const snapshot = await snapshotOf(app.get(Database));
  const a = { authorization: auth.authorization };
  const pinned = [
    pin('GET /api/profiles/{username}', 'GET', '/api/profiles/%00abc', undefined, a),
    pin('GET /api/articles', 'GET', '/api/articles?tag=%00&author=a%00b', undefined, a),
    pin(
      'POST /api/users',
      'POST',
      '/api/users',
      '{"user":{"username":"nul\\u0000","email":"nul@example.test","password":"password-1"}}',
    ),
    pin('GET /api/articles/{slug}', 'GET', '/api/articles/%FF', undefined, a),
    pin(
      'POST /api/users/login',
      'POST',
      '/api/users/login',
      '{"user":{"email":"\\ud800@example.test","password":"password-1"}}',
    ),
    pin('GET /api/articles/{slug}', 'GET', `/api/articles/${'a'.repeat(150)}`, undefined, a),
    pin('GET /api/user', 'OPTIONS', '/api/user'),
  ];
  return {
    name: 'realworld',
    app,
    routes,
    pinned,
    errorShape: 'conduit',
    validParam: (name) => valid[name] ?? 'x',
    authHeader(spec) {
      switch (spec) {
        case 'valid':
          return ['authorization', auth.authorization];
        case 'none':
          return undefined;
        case 'garbage':
          return ['authorization', 'Token x.y'];
        case 'bearer':
          return ['authorization', `Bearer ${alice.user.token}`];
        case 'alg-none':
          return ['authorization', `Token ${tokens['alg none']}`];
        case 'wrong-signature':
          return ['authorization', `Token ${tokens['wrong signature']}`];
        case 'expired':
          return ['authorization', `Token ${tokens.expired}`];
      }
    },
    snapshot,
    errorLogs,
    close: () => app.close(),
  };
}

/** samples/todo on an in-memory embedded database, seeded with three todos. */
export async function bootTodo(): Promise<FuzzTarget> {
  Object.assign(process.env, { DATABASE_URL: 'pglite://memory', NODE_ENV: 'production', PORT: '0' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AppModule } = require(APPS.todo.appModule) as { AppModule: new () => object };
  const errorLogs: string[] = [];
  const app = await HttpApplication.create(AppModule, {
    ...options(errorLogs),
    openapi: { title: 'Todo API', version: '1.0.0' },
  });
  await app.init();
  const first = await json<{ id: number }>(app, 'POST', '/todos', { title: 'buy milk' });
  await json(app, 'POST', '/todos', { title: 'write tests' });
  await json(app, 'POST', '/todos/batch', { todos: [{ title: 'a' }, { title: 'b' }] });
  const templates: Record<string, unknown> = {
    'POST /todos': { title: 'new todo' },
    'POST /todos/batch': { todos: [{ title: 'one' }, { title: 'two' }] },
    'PATCH /todos/{id}': { title: 'renamed', done: true, version: 0 },
  };
  const extra: FuzzRoute[] = [...EXTRA, { method: 'GET', path: '/metrics' }];
  const routes = [...(await routesFromOpenApi(app)), ...extra].map((r) => ({
    ...r,
    template: templates[`${r.method} ${r.path}`],
  }));
  const snapshot = await snapshotOf(app.get(Database));
  const pinned = [
    pin('GET /todos/search', 'GET', '/todos/search?q=a%00b'),
    pin('POST /todos/batch', 'POST', '/todos/batch', '{"todos":[[]]}'),
    pin('POST /todos', 'POST', '/todos', '{"title":"a\\u0000b"}'),
    pin('GET /todos/{id}', 'GET', '/todos/%FF'),
    pin('GET /todos/{id}', 'GET', '/todos/99999999999999999999'),
    pin('PATCH /todos/{id}', 'PATCH', `/todos/${first.id}`, '{"done":true,"version":1e400}'),
  ];
  return {
    name: 'todo',
    app,
    routes,
    pinned,
    errorShape: 'problem',
    validParam: (name) => (name === 'id' ? String(first.id) : 'x'),
    // The todo API has no authentication; an Authorization header must simply be ignored.
    authHeader: (spec) =>
      spec === 'valid' || spec === 'none'
        ? undefined
        : ['authorization', `Bearer ${signHs256({ sub: '1' }, 'x')}`],
    snapshot,
    errorLogs,
    close: () => app.close(),
  };
}

/**
 * The suite's own fixture app (no sample-level workarounds: whatever it answers is the
 * framework's doing), on an in-memory embedded database with its 20 seeded accounts.
 */
export async function bootBank(): Promise<FuzzTarget> {
  Object.assign(process.env, { DATABASE_URL: 'pglite://memory', NODE_ENV: 'production', PORT: '0' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { BankModule } = require('../../fixtures/bank/app.module') as { BankModule: new () => object };
  const errorLogs: string[] = [];
  // CORS with the framework's defaults (`cors: true`), which the samples no longer use as they are.
  const app = await HttpApplication.create(BankModule, {
    ...options(errorLogs),
    cors: true,
    openapi: { title: 'Bank', version: '1.0.0' },
  });
  await app.init();
  await json(app, 'POST', '/transfers', { fromId: 1, toId: 2, amount: 5 });
  const templates: Record<string, unknown> = {
    'POST /transfers': { fromId: 3, toId: 4, amount: 7, notify: 'owner3@example.test' },
    'POST /transfers/batch': {
      transfers: [
        { fromId: 5, toId: 6, amount: 1 },
        { fromId: 6, toId: 7, amount: 2 },
      ],
    },
  };
  const routes = [...(await routesFromOpenApi(app)), ...EXTRA].map((r) => ({
    ...r,
    template: templates[`${r.method} ${r.path}`],
  }));
  const valid: Record<string, string> = { id: '1', owner: 'owner 1' };
  const snapshot = await snapshotOf(app.get(Database));
  const pinned = [
    pin('POST /transfers', 'POST', '/transfers', '{"fromId":3,"toId":2147483648,"amount":7}'),
    pin('POST /transfers', 'POST', '/transfers', '{"fromId":3,"toId":8.07e233,"amount":7}'),
    pin('POST /transfers', 'OPTIONS', '/transfers'),
    pin(
      'POST /transfers',
      'POST',
      '/transfers',
      '{"fromId":1,"toId":2,"amount":1,"notify":"\\ud800@example.test"}',
    ),
    pin('POST /transfers/batch', 'POST', '/transfers/batch', '{"transfers":[[]]}'),
    pin(
      'POST /transfers/batch',
      'POST',
      '/transfers/batch',
      '{"transfers":[{"fromId":5,"toId":1e400,"amount":1},{"fromId":6,"toId":7,"amount":2}]}',
    ),
    pin('POST /transfers', 'POST', '/transfers', '{"fromId":1,"toId":2,"amount":-1e400}'),
    pin('GET /accounts/by-owner/{owner}', 'GET', '/accounts/by-owner/a%00b'),
    pin('GET /accounts/{id}', 'GET', '/accounts/99999999999999999999'),
  ];
  return {
    name: 'bank fixture',
    app,
    routes,
    pinned,
    errorShape: 'problem',
    validParam: (name) => valid[name] ?? 'x',
    authHeader: (spec) => (spec === 'valid' || spec === 'none' ? undefined : ['authorization', 'Bearer x']),
    snapshot,
    errorLogs,
    close: () => app.close(),
  };
}
