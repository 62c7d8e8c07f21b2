import { createServer, type Socket } from 'node:net';
import { startBank, startRealworld, startTodo } from '../lib/apps';
import { preview, problemDefects } from '../lib/checks';
import { json, send } from '../lib/http';
import { runLoad, sleep, type Outcome } from '../lib/load';
import type { Part } from '../lib/part';
import { PostgresAdmin } from '../lib/postgres';
import { recordServerError, type PartReporter } from '../lib/report';
import type { AppProcess } from '../lib/server';

const ACCOUNTS = 20;
const INITIAL_BALANCE = 1_000_000;
const BATCH = 5;
const TERMINATIONS = 3;
const SPACING_MS = 6_000;
const RECOVERY_LIMIT_MS = 5_000;

/**
 * Part 3: PostgreSQL connections die under load (`pg_terminate_backend` on every backend of the
 * apps' databases, three times). Failing requests must be 503 problems, the apps must recover
 * within 5 s without a restart, transfers must keep the total and batches must be all or
 * nothing. Then: a database that refuses or never answers at boot must end the process with a
 * coded error and exit code 1, not a hang (this half needs no PostgreSQL server).
 */
export const dbFaultsPart: Part = {
  id: 3,
  name: 'Database faults',
  budgetMs: 75_000,
  async run(r, settings) {
    if (settings.postgresUrl) await terminations(r, settings.postgresUrl);
    else
      r.log(
        'terminated connections: SKIPPED (TENON_TEST_POSTGRES_URL is not set); the boot checks below still run',
      );
    await unreachableAtBoot(r);
    if (!settings.postgresUrl)
      r.skip('the terminated-connection half needs TENON_TEST_POSTGRES_URL (the boot half ran)');
  },
};

async function terminations(r: PartReporter, serverUrl: string): Promise<void> {
  const admin = new PostgresAdmin(serverUrl);
  await admin.recreate('reliability_faults_bank');
  await admin.recreate('reliability_faults_todo');
  const bank = startBank({
    databaseUrl: admin.urlFor('reliability_faults_bank'),
    env: { ACCOUNTS: String(ACCOUNTS), INITIAL_BALANCE: String(INITIAL_BALANCE) },
    name: 'bank',
  });
  const todo = startTodo({ databaseUrl: admin.urlFor('reliability_faults_todo'), name: 'todo' });
  const [bankOrigin, todoOrigin] = await Promise.all([bank.listening(), todo.listening()]);
  const pids = [bank.pid, todo.pid];

  let stop = false;
  const bankLoad = runLoad({
    origin: bankOrigin,
    connections: 30,
    idPrefix: 'bank',
    until: () => !stop && !r.closed,
    backoffMs: 5,
    next: (worker, seq) => {
      if (seq % 4 === 3) return { method: 'GET', path: `/accounts/${(worker % ACCOUNTS) + 1}` };
      const fromId = ((worker * 7 + seq) % ACCOUNTS) + 1;
      const toId = (fromId % ACCOUNTS) + 1;
      return json('POST', '/transfers', { fromId, toId, amount: 1 + ((worker + seq) % 20) });
    },
  });
  const todoLoad = runLoad({
    origin: todoOrigin,
    connections: 20,
    idPrefix: 'todo',
    until: () => !stop && !r.closed,
    backoffMs: 5,
    next: (worker, seq) =>
      seq % 3 === 2
        ? { method: 'GET', path: '/todos?size=5' }
        : json('POST', '/todos/batch', {
            todos: Array.from({ length: BATCH }, (_, k) => ({ title: `b${worker}-${seq} ${k}` })),
          }),
  });

  const terminatedAt: number[] = [];
  await sleep(2_500);
  for (let i = 0; i < TERMINATIONS; i++) {
    terminatedAt.push(Date.now());
    const killed =
      (await admin.terminateBackends('reliability_faults_bank')) +
      (await admin.terminateBackends('reliability_faults_todo'));
    r.figure(`termination ${i + 1}`, `${killed} backends terminated`);
    await sleep(SPACING_MS);
  }
  stop = true;
  const [bankOutcomes, todoOutcomes] = await Promise.all([bankLoad, todoLoad]);

  for (const [name, outcomes] of [
    ['bank', bankOutcomes],
    ['todo', todoOutcomes],
  ] as const) {
    const ok = outcomes.filter((o) => o.response && o.response.status < 300).length;
    const failed = outcomes.filter((o) => !o.response || o.response.status >= 300);
    r.figure(
      `${name} requests`,
      `${outcomes.length} (${ok} succeeded, ${failed.length} failed: ${summarize(failed)})`,
    );
    const causes = loggedCauses(name === 'bank' ? bank : todo);
    for (const o of failed) checkFailure(r, name, o, causes.get(o.id));
    for (const [i, at] of terminatedAt.entries()) {
      const until = terminatedAt[i + 1] ?? Infinity;
      const recovery = recoveryMs(outcomes, at, until);
      r.figure(
        `${name} recovery after termination ${i + 1}`,
        recovery === undefined ? 'never' : `${recovery} ms`,
      );
      r.check(
        recovery !== undefined && recovery <= RECOVERY_LIMIT_MS,
        `${name} did not recover within ${RECOVERY_LIMIT_MS} ms after termination ${i + 1} (${recovery === undefined ? 'requests kept failing' : `${recovery} ms`})`,
      );
    }
  }
  r.check(
    !bank.hasExited && !todo.hasExited && bank.pid === pids[0] && todo.pid === pids[1],
    `an app process exited during the faults:\n${bank.tail()}\n${todo.tail()}`,
  );

  await bankInvariants(r, admin, bankOutcomes);
  await todoInvariants(r, admin, todoOutcomes);
  for (const app of [bank, todo]) {
    const exit = await app.stop();
    r.check(
      exit.code === 0,
      `${app.options.name} did not exit 0 on SIGTERM after the faults (code ${exit.code}, signal ${exit.signal})`,
    );
  }
}

function summarize(failed: readonly Outcome[]): string {
  const kinds = new Map<string, number>();
  for (const o of failed) {
    const code = o.response ? (/"code":"([A-Z_]+)"/.exec(o.response.body)?.[1] ?? '') : '';
    const key = o.response ? `${o.response.status}${code ? ` ${code}` : ''}` : (o.error ?? '?');
    kinds.set(key, (kinds.get(key) ?? 0) + 1);
  }
  return [...kinds.entries()].map(([k, n]) => `${k}×${n}`).join(', ') || 'none';
}

function checkFailure(r: PartReporter, name: string, o: Outcome, cause: string | undefined): void {
  const where = `${name} ${o.spec.method} ${o.spec.path.replace(/\d+/g, ':n')}`;
  if (!o.response) {
    r.violation(
      `${where}: no response (${o.error}) while the database connections were terminated`,
      `no-response ${name} ${o.error}`,
    );
    return;
  }
  const { status, headers, body } = o.response;
  if (status >= 500)
    recordServerError({
      part: 3,
      request: `${o.spec.method} ${o.spec.path}`,
      status,
      contentType: String(headers['content-type'] ?? ''),
      body,
    });
  const defects = problemDefects(status, headers, body);
  r.check(
    status === 503 && defects.length === 0,
    `${where}: a request failing because its database connection was terminated answered ${status}${defects.length > 0 ? ` (${defects.join('; ')})` : ''}, not a 503 problem: ${preview(body, 300)}\n      logged cause: ${cause ?? '(nothing logged)'}`,
    `fault-status ${name} ${status} ${/"code":"([A-Z_]+)"/.exec(body)?.[1] ?? ''} ${cause?.split(' ')[0] ?? ''}`,
  );
}

/**
 * Milliseconds from a termination to the end of the last failed request it caused: requests that
 * ended between this termination and the next. Undefined when the last of them still failed.
 */
function recoveryMs(outcomes: readonly Outcome[], at: number, until: number): number | undefined {
  const window = outcomes
    .filter((o) => o.endedAt >= at && o.endedAt < until)
    .sort((a, b) => a.endedAt - b.endedAt);
  if (window.length === 0) return undefined;
  let lastFailure = -1;
  window.forEach((o, i) => {
    if (!o.response || o.response.status >= 300) lastFailure = i;
  });
  if (lastFailure === window.length - 1) return undefined;
  return lastFailure < 0 ? 0 : window[lastFailure]!.endedAt - at;
}

/** The error each failed request logged on the server (pino `err.code`/`err.message` by request id). */
function loggedCauses(app: AppProcess): Map<string, string> {
  const causes = new Map<string, string>();
  for (const rec of app.logRecords()) {
    const err = rec.err as { code?: string; message?: string } | undefined;
    if (typeof rec.reqId === 'string' && err)
      causes.set(rec.reqId, `${err.code ?? ''} ${(err.message ?? '').slice(0, 160)}`.trim());
  }
  return causes;
}

async function bankInvariants(
  r: PartReporter,
  admin: PostgresAdmin,
  outcomes: readonly Outcome[],
): Promise<void> {
  const db = 'reliability_faults_bank';
  const [totals] = await admin.query<{ total: string; n: string }>(
    db,
    'select sum(balance) as total, count(*) as n from accounts',
  );
  const expected = ACCOUNTS * INITIAL_BALANCE;
  r.figure(
    'bank total after the faults',
    `${Number(totals!.total).toLocaleString('en-US')} of ${expected.toLocaleString('en-US')} in ${totals!.n} accounts`,
  );
  r.check(
    Number(totals!.total) === expected,
    `transfers did not keep the total: ${totals!.total} instead of ${expected}`,
  );
  const mismatches = await admin.query<{ id: number; balance: number; journal: string }>(
    db,
    `select a.id, a.balance, $1::int - coalesce(o.sum, 0) + coalesce(i.sum, 0) as journal from accounts a
       left join (select from_id, sum(amount) as sum from transfers group by from_id) o on o.from_id = a.id
       left join (select to_id, sum(amount) as sum from transfers group by to_id) i on i.to_id = a.id
     where a.balance <> $1::int - coalesce(o.sum, 0) + coalesce(i.sum, 0)`,
    [INITIAL_BALANCE],
  );
  r.check(
    mismatches.length === 0,
    `balances disagree with the transfer journal (a half-written transfer) on ${mismatches.length} accounts, e.g. ${JSON.stringify(mismatches[0])}`,
  );
  const acknowledged = outcomes
    .filter((o) => o.spec.method === 'POST' && o.response?.status === 201)
    .map((o) => o.id);
  const journal = new Set(
    (await admin.query<{ request_id: string }>(db, 'select request_id from transfers')).map(
      (t) => t.request_id,
    ),
  );
  const lost = acknowledged.filter((id) => !journal.has(id));
  r.figure('bank transfers acknowledged (201) / in the journal', `${acknowledged.length} / ${journal.size}`);
  r.check(
    lost.length === 0,
    `${lost.length} transfers answered 201 are missing from the journal (e.g. ${lost[0]})`,
  );
}

async function todoInvariants(
  r: PartReporter,
  admin: PostgresAdmin,
  outcomes: readonly Outcome[],
): Promise<void> {
  const rows = await admin.query<{ batch: string; n: string }>(
    'reliability_faults_todo',
    "select split_part(title, ' ', 1) as batch, count(*) as n from todos where title like 'b%' group by 1",
  );
  const counts = new Map(rows.map((row) => [row.batch, Number(row.n)]));
  const partial = rows.filter((row) => Number(row.n) !== BATCH);
  r.figure('todo batches stored', `${rows.length} (${partial.length} partial)`);
  r.check(
    partial.length === 0,
    `${partial.length} batches were half-written (e.g. ${partial[0]?.batch} has ${partial[0]?.n} of ${BATCH} todos)`,
  );
  const acknowledged = outcomes.filter((o) => o.spec.path === '/todos/batch' && o.response?.status === 201);
  const missing = acknowledged.filter((o) => {
    const title = (JSON.parse(String(o.spec.body)) as { todos: { title: string }[] }).todos[0]!.title;
    return counts.get(title.split(' ')[0]!) !== BATCH;
  });
  r.check(missing.length === 0, `${missing.length} batches answered 201 are not fully stored`);
}

/** A TCP server on 127.0.0.1 that accepts connections and never says anything: a hung database. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

async function unreachableAtBoot(r: PartReporter): Promise<void> {
  const silent = await silentServer();
  // A port nothing listens on: bind one, note it, close it.
  const refused = await silentServer();
  await refused.close();
  const cases: [string, string, (o: { databaseUrl: string; name: string }) => AppProcess][] = [
    ['todo, connection refused', `postgres://postgres@127.0.0.1:${refused.port}/x`, startTodo],
    ['todo, server never answers', `postgres://postgres@127.0.0.1:${silent.port}/x`, startTodo],
    ['realworld, connection refused', `postgres://postgres@127.0.0.1:${refused.port}/x`, startRealworld],
    ['realworld, server never answers', `postgres://postgres@127.0.0.1:${silent.port}/x`, startRealworld],
  ];
  try {
    await Promise.all(
      cases.map(async ([label, databaseUrl, start]) => {
        const started = Date.now();
        const app = start({ databaseUrl, name: label });
        const exit = await app.waitForExit(30_000);
        const output = app.lines.join('\n');
        const code = /TENON_[A-Z_]+/.exec(output)?.[0];
        r.figure(
          `boot with ${label}`,
          `exit ${exit.timedOut ? 'none (killed after 30 s)' : exit.code} after ${Date.now() - started} ms, ${code ?? 'no coded error'}`,
        );
        r.check(!exit.timedOut, `${label}: the process hung at boot (no exit within 30 s)`);
        r.check(exit.code === 1, `${label}: exit code ${exit.code}, not 1`);
        r.check(
          code !== undefined && /TENON_DATA_CONNECTION/.test(code),
          `${label}: no TENON_DATA_CONNECTION_* error in the output:\n${app.tail(8)}`,
        );
        // "Lost while running a query … retry" misleads when no connection was ever made.
        r.check(
          code !== 'TENON_DATA_CONNECTION_LOST',
          `${label}: the boot failed with TENON_DATA_CONNECTION_LOST ("${preview(/The connection to [^\n]*/.exec(output)?.[0] ?? '', 200)}"), although no connection was ever established: a connect timeout needs its own code and message`,
          `boot-lost ${label.split(',')[1]}`,
        );
        r.check(
          !/postgres:\/\/postgres:[^@]+@/.test(output),
          `${label}: the output shows a database password`,
        );
        r.check(
          !(await probePort(output)),
          `${label}: the process printed a listening URL although the database is unreachable`,
        );
      }),
    );
  } finally {
    await silent.close();
  }
}

async function probePort(output: string): Promise<boolean> {
  const url = /listening on (http:\/\/[^/\s]+)/.exec(output)?.[1];
  if (!url) return false;
  return send(url, { method: 'GET', path: '/' }).then(
    () => true,
    () => true,
  );
}
