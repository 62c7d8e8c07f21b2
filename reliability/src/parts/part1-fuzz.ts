import { startRealworld, startTodo } from '../lib/apps';
import { send } from '../lib/http';
import type { Part } from '../lib/part';
import type { PartReporter } from '../lib/report';
import { fuzzInProcess, statusSummary } from './fuzz/fuzz-in-process';
import { fuzzSockets } from './fuzz/fuzz-sockets';
import { bootBank, bootRealworld, bootTodo, type FuzzTarget } from './fuzz/targets';
import type { AppProcess } from '../lib/server';

/**
 * Part 1: generated bodies, query strings, headers and paths against every route of both
 * samples. Most cases go through `app.inject()` (fast, and the database and the built-in
 * prototypes can be inspected after each one); raw-socket cases go to real server processes for
 * what only a socket can carry.
 */
export const fuzzPart: Part = {
  id: 1,
  name: 'Fuzzed input',
  budgetMs: 150_000,
  async run(r, settings) {
    const crashes: string[] = [];
    const onCrash = (error: unknown): void => {
      crashes.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
    };
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    const scale = settings.quick ? 0.1 : 1;
    let total = 0;
    // The servers for the raw-socket cases boot while the in-process cases run.
    const servers = startSocketServers();
    servers.catch(() => undefined); // awaited (and its failure reported) after the in-process cases
    try {
      r.figure('seed', String(settings.seed));
      // Each target gets a share of the part's time; a target that runs out says how far it got.
      const plan: [() => Promise<FuzzTarget>, number, number][] = [
        [bootRealworld, Math.round(4_500 * scale), 0.35],
        [bootTodo, Math.round(3_500 * scale), 0.2],
        [bootBank, Math.round(2_500 * scale), 0.12],
      ];
      for (const [boot, runs, share] of plan) {
        const target = await boot();
        try {
          r.log(
            `${target.name}: ${target.routes.length} routes (${target.routes.map((x) => `${x.method} ${x.path}`).join(', ')})`,
          );
          const stats = await fuzzInProcess(target, r, {
            runs,
            seed: settings.seed,
            timeLimitMs: share * this.budgetMs,
          });
          total += stats.cases;
          r.figure(`${target.name} in-process cases`, `${stats.cases} in ${(stats.ms / 1000).toFixed(1)} s`);
          r.figure(`${target.name} statuses`, statusSummary(stats.byStatus));
          r.figure(
            `${target.name} non-GET cases with the database compared`,
            `${stats.mutatingChecked} (${stats.accepted} accepted writes)`,
          );
          if (stats.unsendable > 0)
            r.figure(`${target.name} cases light-my-request could not send`, stats.unsendable);
          if (stats.cases < runs - stats.unsendable)
            r.violation(
              `${target.name}: only ${stats.cases} of ${runs} cases ran within its share of the time limit`,
            );
        } finally {
          await target.close();
        }
      }
      total += await socketCases(r, settings, await servers, Math.max(5_000, r.remainingMs() - 15_000));
      r.figure('total cases', total);
      r.check(
        total >= (settings.quick ? 1_000 : 10_000),
        `only ${total} cases ran; the issue asks for at least 10,000`,
      );
      r.check(
        crashes.length === 0,
        `uncaught errors in the process under test: ${crashes.slice(0, 3).join('\n---\n')}`,
      );
    } finally {
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
    }
  },
};

interface SocketServer {
  server: AppProcess;
  origin: string;
  shape: 'problem' | 'conduit';
  paths: string[];
  alive: string;
}

async function startSocketServers(): Promise<SocketServer[]> {
  const realworld = startRealworld({ databaseUrl: 'pglite://memory', name: 'realworld' });
  const todo = startTodo({ databaseUrl: 'pglite://memory', name: 'todo' });
  const [rw, td] = await Promise.all([realworld.listening(), todo.listening()]);
  return [
    {
      server: realworld,
      origin: rw,
      shape: 'conduit',
      paths: ['/api/articles', '/api/users/login', '/api/tags', '/api/user', '/nope'],
      alive: '/api/tags',
    },
    {
      server: todo,
      origin: td,
      shape: 'problem',
      paths: ['/todos', '/todos/1', '/todos/batch', '/health/live', '/nope'],
      alive: '/health/live',
    },
  ];
}

async function socketCases(
  r: PartReporter,
  settings: { seed: number; quick: boolean },
  servers: SocketServer[],
  timeLimitMs: number,
): Promise<number> {
  const runs = settings.quick ? 60 : 300;
  let total = 0;
  for (const { server, origin, shape, paths, alive } of servers) {
    const stats = await fuzzSockets(server, origin, paths, shape, r, {
      runs,
      seed: settings.seed,
      timeLimitMs: timeLimitMs / servers.length,
    });
    total += stats.cases;
    r.figure(
      `${server.options.name} raw-socket cases`,
      `${stats.cases} (${statusSummary(stats.byStatus)}; closed without an answer ${stats.closedWithoutAnswer}; no answer within 3 s ${stats.timedOut})`,
    );
    const probe = await send(origin, { method: 'GET', path: alive }).catch((e: unknown) => ({
      status: 0,
      body: String(e),
    }));
    r.check(
      !server.hasExited && probe.status === 200,
      `${server.options.name} stopped answering after the raw-socket cases (GET ${alive} → ${probe.status}); output:\n${server.tail()}`,
    );
    const exit = await server.stop();
    r.check(
      exit.code === 0 && !exit.timedOut,
      `${server.options.name} did not exit 0 on SIGTERM after fuzzing (code ${exit.code}, signal ${exit.signal}${exit.timedOut ? ', killed after 15 s' : ''})`,
    );
  }
  return total;
}
