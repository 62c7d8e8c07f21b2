import { startTodo } from '../lib/apps';
import { preview } from '../lib/checks';
import { errorCode, json, send, singleConnectionAgent } from '../lib/http';
import type { Part } from '../lib/part';
import { PostgresAdmin } from '../lib/postgres';

const TODOS = 4;
const WORKERS = 24;

interface TodoView {
  id: number;
  title: string;
  version: number;
}

/**
 * Part 5: two samples/todo processes on different ports against one PostgreSQL database.
 * Clients read a todo through one instance and write `c=<n+1>` with the version they read
 * through either instance, retrying on 409. With `@Version`, no update may be lost: each todo's
 * final counter and version equal the number of writes that were answered 200.
 */
export const twoInstancesPart: Part = {
  id: 5,
  name: 'Two instances',
  budgetMs: 45_000,
  async run(r, settings) {
    if (!settings.postgresUrl) {
      r.skip('needs TENON_TEST_POSTGRES_URL: two processes cannot share an embedded database');
      return;
    }
    const durationMs = settings.quick ? 5_000 : 20_000;
    const admin = new PostgresAdmin(settings.postgresUrl);
    await admin.recreate('reliability_two');
    const url = admin.urlFor('reliability_two');
    // The first process creates the table; the second starts once it exists.
    const a = startTodo({ databaseUrl: url, name: 'todo A' });
    const originA = await a.listening();
    const b = startTodo({ databaseUrl: url, name: 'todo B' });
    const originB = await b.listening();
    r.figure('instances', `${originA} and ${originB}, one database`);
    const origins = [originA, originB];
    const ids: number[] = [];
    for (let i = 0; i < TODOS; i++) {
      const created = await send(origins[i % 2]!, json('POST', '/todos', { title: 'c=0' }));
      ids.push((JSON.parse(created.body) as TodoView).id);
    }
    const successes = new Map<number, number>(ids.map((id) => [id, 0]));
    const writesThrough = [0, 0];
    let conflicts = 0;
    const failures: string[] = [];
    const deadline = Date.now() + durationMs;
    const worker = async (w: number): Promise<void> => {
      const agents = [singleConnectionAgent(), singleConnectionAgent()];
      try {
        for (let seq = 0; Date.now() < deadline; seq++) {
          const id = ids[(w + seq) % TODOS]!;
          const readVia = (w + seq) % 2;
          const writeVia = (w + seq * 3) % 2;
          try {
            const read = await send(
              origins[readVia]!,
              { method: 'GET', path: `/todos/${id}` },
              { agent: agents[readVia]! },
            );
            if (read.status !== 200) {
              failures.push(`GET /todos/${id} via ${'AB'[readVia]} → ${read.status} ${preview(read.body)}`);
              continue;
            }
            const todo = JSON.parse(read.body) as TodoView;
            const n = Number(/^c=(\d+)$/.exec(todo.title)?.[1]);
            const write = await send(
              origins[writeVia]!,
              json('PATCH', `/todos/${id}`, { title: `c=${n + 1}`, version: todo.version }),
              { agent: agents[writeVia]! },
            );
            if (write.status === 200) {
              successes.set(id, successes.get(id)! + 1);
              writesThrough[writeVia]!++;
            } else if (write.status === 409) conflicts++;
            else
              failures.push(
                `PATCH /todos/${id} via ${'AB'[writeVia]} → ${write.status} ${preview(write.body)}`,
              );
          } catch (error) {
            failures.push(`request failed: ${errorCode(error)}`);
          }
        }
      } finally {
        for (const agent of agents) agent.destroy();
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));

    const total = [...successes.values()].reduce((x, y) => x + y, 0);
    r.figure(
      'successful writes (200)',
      `${total} (${writesThrough[0]} through A, ${writesThrough[1]} through B)`,
    );
    r.figure('refused as stale (409)', conflicts);
    r.figure('other failures', failures.length);
    for (const f of failures.slice(0, 3))
      r.violation(`unexpected answer during concurrent updates: ${f}`, 'two-instances failure');
    r.check(
      writesThrough[0]! > 0 && writesThrough[1]! > 0,
      'one of the instances took no successful write: the test did not exercise both',
    );
    r.check(conflicts > 0, 'no write was refused as stale: the test did not create contention');
    const rows = await admin.query<{ id: number; title: string; version: number }>(
      'reliability_two',
      'select id, title, version from todos where id = any($1::int[]) order by id',
      [ids],
    );
    const lost: string[] = [];
    for (const row of rows) {
      const counter = Number(/^c=(\d+)$/.exec(row.title)?.[1]);
      const expected = successes.get(row.id)!;
      if (counter !== expected || row.version !== expected)
        lost.push(
          `todo ${row.id}: ${expected} successful writes, counter ${counter}, version ${row.version}`,
        );
    }
    r.figure(
      'final state',
      rows
        .map((row) => `${row.id}: ${row.title} v${row.version} (${successes.get(row.id)} writes)`)
        .join('; '),
    );
    r.check(rows.length === TODOS, `${TODOS - rows.length} todos disappeared`);
    r.check(lost.length === 0, `lost updates: ${lost.join('; ')}`);
    for (const app of [a, b]) {
      const exit = await app.stop();
      r.check(
        exit.code === 0,
        `${app.options.name} did not exit 0 on SIGTERM (code ${exit.code}, signal ${exit.signal})`,
      );
    }
  },
};
