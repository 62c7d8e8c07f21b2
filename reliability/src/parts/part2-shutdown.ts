import { startTodo } from '../lib/apps';
import { preview, problemDefects } from '../lib/checks';
import { errorCode, json, send, singleConnectionAgent } from '../lib/http';
import { runLoad, sleep, type Outcome } from '../lib/load';
import type { Part } from '../lib/part';
import { APPS } from '../lib/paths';
import { PostgresAdmin } from '../lib/postgres';

const CONNECTIONS = 50;
/** HttpApplication's default drain timeout; the process must be gone within it (plus a margin). */
const DRAIN_TIMEOUT_MS = 10_000;

interface Probe {
  at: number;
  status: number;
  error?: string;
  body?: string;
  contentType?: string;
}

/**
 * Part 2: a real samples/todo process under 50 concurrent keep-alive clients receives SIGTERM.
 * Every request the server logged as accepted must complete with a 2xx; new connections must be
 * refused; readiness must answer 503 before that; the pool must be closed (no socket to the
 * database at exit, seen by a preloaded probe) and the process must exit 0 within the drain timeout.
 */
export const shutdownPart: Part = {
  id: 2,
  name: 'Shutdown under load',
  budgetMs: 40_000,
  async run(r, settings) {
    let databaseUrl = 'pglite://memory';
    if (settings.postgresUrl) {
      const admin = new PostgresAdmin(settings.postgresUrl);
      await admin.recreate('reliability_shutdown');
      databaseUrl = admin.urlFor('reliability_shutdown');
      r.figure('database', 'PostgreSQL (reliability_shutdown)');
    } else {
      r.figure(
        'database',
        'embedded PGlite (TENON_TEST_POSTGRES_URL not set: the pool check needs PostgreSQL)',
      );
    }
    const server = startTodo({ databaseUrl, logLevel: 'info', nodeArgs: ['-r', APPS.probe], name: 'todo' });
    const origin = await server.listening();
    for (let i = 0; i < 20; i++) await send(origin, json('POST', '/todos', { title: `seed ${i}` }));

    let sigtermAt = 0;
    const readiness: Probe[] = [];
    const connections: Probe[] = [];
    const alive = (): boolean => !server.hasExited;
    // Readiness over one keep-alive connection, as a load balancer polls it.
    const readinessAgent = singleConnectionAgent();
    const pollReadiness = async (): Promise<void> => {
      while (alive()) {
        const at = Date.now();
        try {
          const res = await send(
            origin,
            { method: 'GET', path: '/health/ready' },
            { agent: readinessAgent, timeoutMs: 5_000 },
          );
          readiness.push({
            at,
            status: res.status,
            body: res.body,
            contentType: String(res.headers['content-type'] ?? ''),
          });
        } catch (error) {
          readiness.push({ at, status: 0, error: errorCode(error) });
        }
        await sleep(5);
      }
    };
    // A new connection every 10 ms, as new clients would arrive.
    const newConnections = async (): Promise<void> => {
      while (alive()) {
        const at = Date.now();
        try {
          const res = await send(
            origin,
            { method: 'GET', path: '/health/live' },
            { agent: false, timeoutMs: 5_000 },
          );
          connections.push({
            at,
            status: res.status,
            body: res.body,
            contentType: String(res.headers['content-type'] ?? ''),
          });
        } catch (error) {
          connections.push({ at, status: 0, error: errorCode(error) });
        }
        await sleep(10);
      }
    };
    const load = runLoad({
      origin,
      connections: CONNECTIONS,
      idPrefix: 'sd',
      until: alive,
      backoffMs: 20,
      next: (worker, seq) =>
        (worker + seq) % 2 === 0
          ? json('POST', '/todos', { title: `w${worker} #${seq}` })
          : { method: 'GET', path: '/todos?size=5' },
    });
    const pollers = Promise.all([pollReadiness(), newConnections()]);
    await sleep(2_500);
    sigtermAt = Date.now();
    server.signal('SIGTERM');
    const exit = await server.waitForExit(DRAIN_TIMEOUT_MS + 10_000);
    const outcomes = await load;
    await pollers;
    readinessAgent.destroy();

    // The server's own record of what it accepted: Fastify logs "incoming request" with our id.
    const accepted = new Set<string>();
    const completedByServer = new Map<string, number>();
    for (const rec of server.logRecords()) {
      const id = String(rec.reqId ?? '');
      if (!id.startsWith('sd-')) continue;
      if (rec.msg === 'incoming request') accepted.add(id);
      if (rec.msg === 'request completed')
        completedByServer.set(id, Number((rec.res as { statusCode?: number } | undefined)?.statusCode));
    }
    const byId = new Map(outcomes.map((o) => [o.id, o]));
    const failedAccepted: Outcome[] = [];
    for (const id of accepted) {
      const o = byId.get(id);
      if (!o || !o.response || o.response.status >= 300) failedAccepted.push(o ?? ({ id } as Outcome));
    }
    const inFlight = outcomes.filter((o) => o.startedAt <= sigtermAt && o.endedAt >= sigtermAt);
    const afterSignal = outcomes.filter((o) => o.startedAt > sigtermAt);
    const notAccepted = outcomes.filter((o) => !accepted.has(o.id));
    const kinds = new Map<string, number>();
    for (const o of notAccepted) {
      const k = o.error ?? `HTTP ${o.response!.status}`;
      kinds.set(k, (kinds.get(k) ?? 0) + 1);
    }
    r.figure('requests sent', outcomes.length);
    r.figure('accepted by the server (logged "incoming request")', accepted.size);
    r.figure('accepted and completed with 2xx', accepted.size - failedAccepted.length);
    r.figure('accepted and failed', failedAccepted.length);
    r.figure('in flight when SIGTERM was sent', inFlight.length);
    r.figure('sent after SIGTERM', afterSignal.length);
    r.figure(
      'not accepted (by outcome)',
      [...kinds.entries()].map(([k, n]) => `${k}×${n}`).join(', ') || 'none',
    );
    for (const o of failedAccepted.slice(0, 3))
      r.violation(
        `request ${o.id} (${o.spec?.method} ${o.spec?.path}) was accepted by the server (server logged status ${completedByServer.get(o.id) ?? 'none'}) but the client got ${o.response ? `${o.response.status} ${preview(o.response.body)}` : (o.error ?? 'nothing')}`,
        'accepted request failed',
      );

    // Fastify's own 503 for requests arriving on an open keep-alive connection during close.
    for (const o of notAccepted)
      if (o.response && o.response.status >= 400) {
        const defects = problemDefects(o.response.status, o.response.headers, o.response.body);
        if (defects.length > 0)
          r.violation(
            `a request sent during shutdown on an open keep-alive connection got ${o.response.status} that is not a problem response (${defects.join('; ')}): ${preview(o.response.body)}`,
            `closing-503-shape ${o.response.status}`,
          );
      }

    const firstRefused = connections.find((c) => c.at >= sigtermAt && c.error === 'ECONNREFUSED');
    const servedAfterRefusal = firstRefused
      ? connections.filter((c) => c.at > firstRefused.at && c.status >= 200 && c.status < 300)
      : [];
    r.figure(
      'new connections after SIGTERM',
      `${connections.filter((c) => c.at >= sigtermAt).length} (${connections.filter((c) => c.at >= sigtermAt && c.error === 'ECONNREFUSED').length} refused)`,
    );
    if (r.check(firstRefused !== undefined, 'no new connection was refused after SIGTERM'))
      r.figure('first refused connection after SIGTERM', `${firstRefused!.at - sigtermAt} ms`);
    r.check(
      servedAfterRefusal.length === 0,
      `${servedAfterRefusal.length} new connections were served after the first refusal`,
    );

    const ready503 = readiness.find((p) => p.at >= sigtermAt && p.status === 503);
    const readinessAfter = readiness.filter((p) => p.at >= sigtermAt);
    r.figure(
      'readiness answers after SIGTERM',
      readinessAfter
        .map((p) => (p.status ? String(p.status) : p.error))
        .slice(0, 6)
        .join(', ') || 'none',
    );
    if (
      r.check(
        ready503 !== undefined,
        'readiness never answered 503 after SIGTERM: it went straight from 200 to refused connections',
      )
    ) {
      r.figure('readiness 503 after SIGTERM', `${ready503!.at - sigtermAt} ms`);
      const defects = problemDefects(503, { 'content-type': ready503!.contentType }, ready503!.body ?? '');
      r.check(
        defects.length === 0,
        `the readiness 503 is not a problem response (${defects.join('; ')}): ${preview(ready503!.body ?? '')}`,
      );
      r.check(
        /TENON_HTTP_SHUTTING_DOWN/.test(ready503!.body ?? ''),
        `the readiness 503 is not the health endpoint's TENON_HTTP_SHUTTING_DOWN problem but: ${preview(ready503!.body ?? '')}`,
      );
      if (firstRefused)
        r.check(
          ready503!.at <= firstRefused.at,
          `readiness turned 503 ${ready503!.at - firstRefused.at} ms after new connections were already refused`,
        );
    }
    const ok200Before = readiness.filter((p) => p.at < sigtermAt && p.status === 200).length;
    r.check(ok200Before > 0, 'readiness never answered 200 before SIGTERM');

    const exitMs = exit.at - sigtermAt;
    r.figure(
      'exit',
      `code ${exit.code}${exit.signal ? ` signal ${exit.signal}` : ''} after ${exitMs} ms (drain timeout ${DRAIN_TIMEOUT_MS} ms)`,
    );
    r.check(
      exit.code === 0 && !exit.timedOut,
      `the process did not exit 0 (code ${exit.code}, signal ${exit.signal}${exit.timedOut ? ', killed' : ''})\n${server.tail()}`,
    );
    r.check(
      exitMs <= DRAIN_TIMEOUT_MS + 1_000,
      `the process took ${exitMs} ms to exit, over the drain timeout of ${DRAIN_TIMEOUT_MS} ms`,
    );
    r.check(
      server.lines.some((l) => l.includes('Shutting down')),
      'the server did not log its shutdown',
    );
    const probe = server.probeExit();
    if (
      r.check(
        probe !== undefined,
        'the probe printed nothing at exit (exit without running exit handlers?)',
      ) &&
      settings.postgresUrl
    ) {
      r.figure(
        'pg pools at exit',
        `${probe!.pools} opened, ${probe!.poolsLeftOpen} left open (${probe!.databaseSockets} sockets still closing)`,
      );
      r.check(probe!.pools > 0, 'the probe saw no pg pool: the app did not use PostgreSQL?');
      r.check(
        probe!.poolsLeftOpen === 0,
        `${probe!.poolsLeftOpen} pg pools were never closed before exit: the shutdown hooks did not close the pool`,
      );
    }
  },
};
