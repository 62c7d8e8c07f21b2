import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ApplicationContext, Injectable, Module } from '@tenon/core';
import { DataModule } from '@tenon/data';
import {
  EventPattern,
  MessagingClient,
  MessagingModule,
  OutboxRelay,
  Payload,
  natsJetStream,
} from '@tenon/messaging';
import { freePort } from '../../../../test-support/free-port';
import { dropPostgresDatabase, runPostgresDatabase } from '../../../../test-support/postgres-database';
import { uniqueName } from '../../../../test-support/unique-name';
import { startOwnServer } from '../fixtures/own-server';

const postgresUrl = process.env.TENON_TEST_POSTGRES_URL;
const natsUrl = process.env.TENON_TEST_NATS_URL;
const skip = !postgresUrl || !natsUrl;
const suite = skip ? describe.skip : describe;
const worker = join(__dirname, 'fault-worker.js');

/** The databases this run made, dropped after the suite: one per scenario, of this run alone. */
const databases: string[] = [];

/** A new database of this run with the scenario's tables (two runs at once never share one). */
async function database(): Promise<string> {
  const url = await runPostgresDatabase(postgresUrl!, 'tenon_messaging_faults');
  databases.push(url);
  await query(url, 'create table msg_fault_ledger (id serial primary key, payment_id text not null)');
  await query(url, 'create table msg_fault_articles (n int primary key)');
  return url;
}

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

interface Worker {
  readonly child: ChildProcess;
  readonly lines: string[];
  waitFor(predicate: (line: string) => boolean, timeout?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWorker(env: Record<string, string>): Worker {
  const child = spawn(process.execPath, [worker], {
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buffered = '';
  const waiters: Array<() => void> = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    lines.push(...parts);
    for (const w of waiters.splice(0)) w();
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    lines,
    exited,
    waitFor: async (predicate, timeout = 60_000) => {
      const deadline = Date.now() + timeout;
      for (;;) {
        const found = lines.find(predicate);
        if (found) return found;
        if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
          throw new Error(
            `worker: expected line not seen (exit ${child.exitCode ?? child.signalCode}); stderr: ${stderr.slice(-2000)}; last lines: ${lines.slice(-5).join(' | ')}`,
          );
        }
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
      }
    },
  };
}

async function until(
  check: () => Promise<boolean>,
  timeout: number,
  what: () => Promise<string> | string,
): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeout} ms: ${await what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

suite(
  `fault suite${skip ? ' (skipped: TENON_TEST_POSTGRES_URL and TENON_TEST_NATS_URL are needed)' : ''} on NATS JetStream and PostgreSQL`,
  () => {
    const prefix = uniqueName('tenon_test_faults');
    const children: ChildProcess[] = [];

    afterAll(async () => {
      for (const child of children)
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGKILL');
          await once(child, 'exit');
        }
      // Each scenario's streams are under its own prefix.
      for (const scenario of [`${prefix}_inbox`, `${prefix}_outbox`]) {
        const cleaner = natsJetStream({ servers: natsUrl!, prefix: scenario });
        await cleaner.connect();
        await cleaner.deleteResources();
        await cleaner.close();
      }
      for (const url of databases.splice(0)) await dropPostgresDatabase(url);
    });

    it('kill -9 of a consumer after its commit and before its ack: redelivered, handled once (inbox)', async () => {
      const url = await database();
      const env = { MODE: 'consumer', DATABASE_URL: url, NATS_URL: natsUrl!, PREFIX: `${prefix}_inbox` };
      const first = startWorker(env);
      children.push(first.child);
      await first.waitFor((l) => l === 'ready');
      // A publisher in this process.
      @Module({
        imports: [
          MessagingModule.forRoot({
            transport: natsJetStream({ servers: natsUrl!, prefix: `${prefix}_inbox` }),
            publishOnly: true,
          }),
        ],
      })
      class Publisher {}
      const publisher = await ApplicationContext.create(Publisher, { logger: false });
      await publisher
        .get(MessagingClient)
        .emit('fault.paid', { paymentId: 'p-1', killAfterCommit: true }, { messageId: 'paid-1' });
      const { signal } = await first.exited;
      expect(signal).toBe('SIGKILL');
      expect(first.lines).toContain('handled p-1');
      // Committed before the crash: the ledger row and the inbox row are there; the ack is not.
      expect(await query(url, 'select payment_id from msg_fault_ledger')).toEqual([{ payment_id: 'p-1' }]);
      const second = startWorker(env);
      children.push(second.child);
      await second.waitFor((l) => l === 'ready');
      await publisher.get(MessagingClient).emit('fault.paid', { paymentId: 'p-2' }, { messageId: 'paid-2' });
      await second.waitFor((l) => l === 'handled p-2');
      // p-1 came again (ack wait 1 s) and the inbox skipped it: one row per payment.
      await until(
        async () =>
          (
            await query<{ n: string }>(url, "select count(*) as n from tenon_inbox where consumer = 'ledger'")
          )[0]!.n === '2',
        20_000,
        () => 'inbox rows',
      );
      await new Promise((r) => setTimeout(r, 2500));
      expect(second.lines.filter((l) => l === 'handled p-1')).toEqual([]);
      expect(
        (await query<{ payment_id: string }>(url, 'select payment_id from msg_fault_ledger order by id')).map(
          (r) => r.payment_id,
        ),
      ).toEqual(['p-1', 'p-2']);
      second.child.kill('SIGKILL');
      await publisher.close();
    }, 120_000);

    it('outbox: 10,000 transactions with a kill -9 in the middle: every committed event published, none rolled back', async () => {
      const url = await database();
      const env = { MODE: 'writer', DATABASE_URL: url, NATS_URL: natsUrl!, PREFIX: `${prefix}_outbox` };
      const writer = startWorker(env);
      children.push(writer.child);
      await writer.waitFor((l) => l === 'at 4000', 300_000);
      writer.child.kill('SIGKILL');
      await writer.exited;
      const [{ max }] = (await query<{ max: number }>(
        url,
        'select max(n) as max from msg_fault_articles',
      )) as [{ max: number }];
      expect(max).toBeGreaterThanOrEqual(3990);
      expect(max).toBeLessThan(9999);
      // The rest of the 10,000 from a restarted writer.
      const restarted = startWorker({ ...env, START: String(max + 1) });
      children.push(restarted.child);
      await restarted.waitFor((l) => l === 'done', 400_000);

      // A consumer (and relay) in this process counts what reached the broker.
      const received = new Set<number>();
      let deliveries = 0;
      @Injectable()
      class Feed {
        @EventPattern('fault.article', { group: 'feed', concurrency: 64 })
        onArticle(@Payload() event: { n: number }): void {
          deliveries++;
          received.add(event.n);
        }
      }
      @Module({
        imports: [
          DataModule.forRoot({ url }),
          MessagingModule.forRoot({
            transport: natsJetStream({ servers: natsUrl!, prefix: `${prefix}_outbox` }),
          }),
        ],
        providers: [Feed],
      })
      class FeedApp {}
      const app = await ApplicationContext.create(FeedApp, { logger: false });
      await app.get(OutboxRelay).flush();
      const committed = (await query<{ n: number }>(url, 'select n from msg_fault_articles order by n')).map(
        (r) => r.n,
      );
      await until(
        async () => received.size >= committed.length,
        120_000,
        () => `received ${received.size} of ${committed.length}`,
      );
      expect(committed.length).toBe(10_000 - Math.floor((10_000 - 4) / 7) - 1);
      expect([...received].sort((a, b) => a - b)).toEqual(committed);
      expect(committed.some((n) => n % 7 === 3)).toBe(false);
      const [{ unsent }] = (await query<{ unsent: string }>(
        url,
        'select count(*) as unsent from tenon_outbox where sent_at is null',
      )) as [{ unsent: string }];
      expect(unsent).toBe('0');
      // Re-sent rows (published, then the crash before "sent") are stored once by JetStream's msg id.
      expect(deliveries).toBe(received.size);
      await app.close();
    }, 600_000);
  },
);

describe('broker restart (own nats-server on a free port)', () => {
  const natsServer = '/usr/sbin/nats-server';
  // Run with the broker suites (npm run test:brokers), where a NATS server binary is at hand.
  const available = natsUrl !== undefined && existsSync(natsServer);
  const reason = natsUrl === undefined ? 'TENON_TEST_NATS_URL is not set' : `no ${natsServer}`;
  (available ? it : it.skip)(
    `reconnects after the server restarts and loses no stored message${available ? '' : ` (skipped: ${reason})`}`,
    async () => {
      const store = mkdtempSync(join(tmpdir(), 'tenon-nats-'));
      // A port of this run: two runs at once each restart their own server.
      const port = await freePort();
      const start = () =>
        startOwnServer(natsServer, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store], { port });
      let server = await start();
      const handled = new Set<number>();
      let deliveries = 0;
      @Injectable()
      class Counter {
        @EventPattern('restart.event', { group: 'counter' })
        on(@Payload() event: { n: number }): void {
          deliveries++;
          handled.add(event.n);
        }
      }
      @Module({
        imports: [
          MessagingModule.forRoot({
            transport: natsJetStream({
              servers: `nats://127.0.0.1:${port}`,
              prefix: uniqueName('restart'),
              ackWaitMs: 2000,
            }),
          }),
        ],
        providers: [Counter],
      })
      class RestartApp {}
      const app = await ApplicationContext.create(RestartApp, { logger: false });
      const client = app.get(MessagingClient);
      try {
        for (let n = 0; n < 50; n++) await client.emit('restart.event', { n });
        server.kill('SIGKILL');
        await once(server, 'exit');
        await new Promise((r) => setTimeout(r, 1000));
        server = await start();
        // Publishing again once the client has reconnected.
        for (let n = 50; n < 100; n++) {
          for (let attempt = 0; ; attempt++) {
            try {
              await client.emit('restart.event', { n });
              break;
            } catch (error) {
              if (attempt > 100) throw error;
              await new Promise((r) => setTimeout(r, 200));
            }
          }
        }
        await until(
          async () => handled.size === 100,
          60_000,
          () => `handled ${handled.size} of 100`,
        );
        expect(handled.size).toBe(100);
        expect(deliveries).toBeGreaterThanOrEqual(100);
      } finally {
        await app.close();
        if (server.exitCode === null && server.signalCode === null) {
          server.kill('SIGKILL');
          await once(server, 'exit');
        }
        rmSync(store, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
