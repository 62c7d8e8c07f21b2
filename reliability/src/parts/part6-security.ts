import { JWT_SECRET, startBank, startRealworld, startTodo } from '../lib/apps';
import { conduitErrorDefects, leaks, preview, problemDefects } from '../lib/checks';
import { json, send, sendRaw, type HttpResult } from '../lib/http';
import { forgedTokens } from '../lib/jwt';
import type { Part } from '../lib/part';
import { collectedServerErrors, type PartReporter } from '../lib/report';

const RATE_LIMIT = 20;
const BODY_LIMIT = 1_048_576;

/** What @fastify/helmet sets by default; a production API should answer with all of them. */
const SECURITY_HEADERS = [
  'x-content-type-options',
  'x-frame-options',
  'content-security-policy',
  'strict-transport-security',
  'referrer-policy',
  'cross-origin-resource-policy',
];

/**
 * Part 6: the defaults a production deployment gets without asking. Security headers, CORS closed
 * unless configured, no stack traces or SQL in any 500 body produced by parts 1–3, 429 with
 * Retry-After from the rate limiter, forged and expired JWTs refused with 401, and the body limit
 * enforced from Content-Length before a byte is parsed.
 */
export const securityPart: Part = {
  id: 6,
  name: 'Security defaults',
  budgetMs: 70_000,
  async run(r) {
    const todo = startTodo({ databaseUrl: 'pglite://memory', name: 'todo' });
    const realworld = startRealworld({ databaseUrl: 'pglite://memory', name: 'realworld' });
    const bank = startBank({
      databaseUrl: 'pglite://memory',
      env: { RATE_LIMIT_MAX: String(RATE_LIMIT) },
      name: 'bank',
    });
    const [todoOrigin, realworldOrigin, bankOrigin] = await Promise.all([
      todo.listening(),
      realworld.listening(),
      bank.listening(),
    ]);

    await securityHeaders(r, [
      ['todo', todoOrigin, '/todos', '/todos/999999'],
      ['realworld', realworldOrigin, '/api/tags', '/api/articles/nope'],
    ]);
    await cors(r, todoOrigin, realworldOrigin);
    productionErrors(r);
    await rateLimit(r, bankOrigin);
    await jwts(r, realworldOrigin);
    await bodyLimit(r, todoOrigin, 'todo', '/todos', 'problem');
    await bodyLimit(r, realworldOrigin, 'realworld', '/api/users', 'conduit');
    for (const app of [todo, realworld, bank]) await app.stop();
  },
};

async function securityHeaders(r: PartReporter, apps: [string, string, string, string][]): Promise<void> {
  for (const [name, origin, okPath, errorPath] of apps) {
    for (const path of [okPath, errorPath]) {
      const res = await send(origin, { method: 'GET', path });
      const missing = SECURITY_HEADERS.filter((h) => res.headers[h] === undefined);
      r.figure(
        `${name} GET ${path} (${res.status}) security headers`,
        missing.length === 0 ? 'all present' : `missing ${missing.join(', ')}`,
      );
      r.check(
        missing.length === 0,
        `${name}: GET ${path} (${res.status}) has no ${missing.join(', ')} header (the default setup sends no security headers)`,
        `headers ${name}`,
      );
      r.check(
        res.headers['x-powered-by'] === undefined,
        `${name}: GET ${path} announces x-powered-by: ${String(res.headers['x-powered-by'])}`,
      );
    }
  }
}

async function cors(r: PartReporter, todoOrigin: string, realworldOrigin: string): Promise<void> {
  const origin = 'http://evil.example';
  const preflight = {
    method: 'OPTIONS',
    path: '/todos',
    headers: { origin, 'access-control-request-method': 'POST' },
  };
  const todoPre = await send(todoOrigin, preflight);
  const todoGet = await send(todoOrigin, { method: 'GET', path: '/todos', headers: { origin } });
  r.figure(
    'todo (CORS not configured): preflight / GET from another origin',
    `${todoPre.status} allow-origin ${todoPre.headers['access-control-allow-origin'] ?? 'absent'} / ${todoGet.status} allow-origin ${todoGet.headers['access-control-allow-origin'] ?? 'absent'}`,
  );
  r.check(
    todoPre.headers['access-control-allow-origin'] === undefined &&
      todoGet.headers['access-control-allow-origin'] === undefined,
    'CORS headers are sent by an app that did not configure CORS',
  );
  const rw = await send(realworldOrigin, { ...preflight, path: '/api/articles' });
  r.figure(
    'realworld (cors: true): preflight from another origin',
    `${rw.status} allow-origin ${rw.headers['access-control-allow-origin'] ?? 'absent'}`,
  );
  r.check(
    rw.headers['access-control-allow-origin'] !== undefined,
    'realworld configures CORS but its preflight has no access-control-allow-origin: the check cannot see CORS headers',
  );
}

function productionErrors(r: PartReporter): void {
  const errors = collectedServerErrors();
  const byPart = [1, 2, 3].map((p) => `part ${p}: ${errors.filter((e) => e.part === p).length}`).join(', ');
  r.figure(
    '5xx bodies from parts 1–3 checked for stack traces, SQL and driver details',
    `${errors.length} (${byPart})`,
  );
  if (errors.length === 0)
    r.log('no 5xx was produced by parts 1–3 in this run (or they did not run): nothing to check');
  for (const e of errors) {
    const found = leaks(e.body);
    r.check(
      found.length === 0,
      `a production ${e.status} body (part ${e.part}, ${preview(e.request, 160)}) shows ${found.join(', ')}: ${preview(e.body, 300)}`,
      `leak ${found.join(',')}`,
    );
  }
}

async function rateLimit(r: PartReporter, origin: string): Promise<void> {
  const answers: HttpResult[] = [];
  for (let i = 0; i < RATE_LIMIT + 5; i++)
    answers.push(await send(origin, { method: 'GET', path: '/accounts/1' }));
  const ok = answers.filter((a) => a.status === 200).length;
  const limited = answers.filter((a) => a.status === 429);
  r.figure(
    `rate limit ${RATE_LIMIT}/min: ${RATE_LIMIT + 5} requests`,
    `${ok} × 200, ${limited.length} × 429, Retry-After ${limited[0]?.headers['retry-after'] ?? 'absent'}`,
  );
  r.check(
    ok === RATE_LIMIT && limited.length === 5,
    `expected ${RATE_LIMIT} answers 200 then 5 answers 429, got ${answers.map((a) => a.status).join(',')}`,
  );
  const first = limited[0];
  if (first) {
    const retry = String(first.headers['retry-after'] ?? '');
    r.check(
      /^\d+$/.test(retry) || !Number.isNaN(Date.parse(retry)),
      `429 without a valid Retry-After header (${retry || 'absent'})`,
    );
    const defects = problemDefects(429, first.headers, first.body);
    r.check(
      defects.length === 0,
      `the 429 is not a problem response (${defects.join('; ')}): ${preview(first.body)}`,
    );
  }
}

async function jwts(r: PartReporter, origin: string): Promise<void> {
  const registered = await send(
    origin,
    json('POST', '/api/users', {
      user: { username: 'mallory', email: 'mallory@example.test', password: 'mallory-password' },
    }),
  );
  const token = (JSON.parse(registered.body) as { user: { token: string } }).user.token;
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<
    string,
    unknown
  >;
  const valid = await send(origin, {
    method: 'GET',
    path: '/api/user',
    headers: { authorization: `Token ${token}` },
  });
  r.check(
    valid.status === 200,
    `a valid token is refused (${valid.status}): the forged-token checks would prove nothing`,
  );
  const results: string[] = [];
  for (const [name, forged] of Object.entries(
    forgedTokens({ sub: claims.sub, username: claims.username }, JWT_SECRET),
  )) {
    const res = await send(origin, {
      method: 'GET',
      path: '/api/user',
      headers: { authorization: `Token ${forged}` },
    });
    results.push(`${name} ${res.status}`);
    r.check(res.status === 401, `a JWT with ${name} answered ${res.status}, not 401: ${preview(res.body)}`);
    const defects = conduitErrorDefects(res.headers, res.body);
    r.check(defects.length === 0, `the 401 for a JWT with ${name} is malformed (${defects.join('; ')})`);
  }
  r.figure('forged JWTs on GET /api/user', results.join(', '));
}

async function bodyLimit(
  r: PartReporter,
  origin: string,
  name: string,
  path: string,
  shape: 'problem' | 'conduit',
): Promise<void> {
  const check = (label: string, status: number, headers: Record<string, string>, body: string): void => {
    const defects =
      shape === 'problem' ? problemDefects(status, headers, body) : conduitErrorDefects(headers, body);
    r.check(
      status === 413 && defects.length === 0,
      `${name} ${label}: answered ${status}${defects.length > 0 ? ` (${defects.join('; ')})` : ''}, not a 413 ${shape} response: ${preview(body)}`,
    );
  };
  // Announces 50 MiB and sends 1 KiB: a limit enforced before reading answers at once.
  const head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${50 * BODY_LIMIT}\r\n\r\n`;
  const announced = await sendRaw(origin, Buffer.concat([Buffer.from(head), Buffer.alloc(1024, 0x7b)]), {
    timeoutMs: 5_000,
    closeAfterFirstResponse: true,
  });
  r.figure(
    `${name}: 50 MiB announced, 1 KiB sent`,
    announced.status
      ? `${announced.status} after ${announced.elapsedMs} ms`
      : `no answer (${announced.error})`,
  );
  check('50 MiB announced by Content-Length', announced.status, announced.headers, announced.body);
  r.check(
    announced.status === 0 || announced.elapsedMs < 1_000,
    `${name}: the 413 took ${announced.elapsedMs} ms: the server waited for the body`,
  );
  // Chunked, no length: the limit must stop the upload once exceeded, while the client still sends.
  const chunk = Buffer.from(`10000\r\n${'['.repeat(0x10000)}\r\n`);
  const chunkedHead = Buffer.from(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
  );
  const streamed = await sendRaw(origin, chunkedHead, {
    timeoutMs: 10_000,
    keepWriting: chunk,
    closeAfterFirstResponse: true,
  });
  r.figure(
    `${name}: endless chunked upload of malformed JSON`,
    streamed.status ? `${streamed.status} after ${streamed.elapsedMs} ms` : `no answer (${streamed.error})`,
  );
  check('endless chunked upload', streamed.status, streamed.headers, streamed.body);
  // Over the limit and malformed: the limit, not the parser, must answer.
  const malformed = await send(origin, {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json' },
    body: '{'.repeat(BODY_LIMIT + 10),
  });
  check(
    '2 MiB of malformed JSON',
    malformed.status,
    malformed.headers as Record<string, string>,
    malformed.body,
  );
}
