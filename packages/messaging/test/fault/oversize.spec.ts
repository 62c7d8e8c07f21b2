import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationContext, Injectable, Module } from '@tenon/core';
import {
  EventPattern,
  MessagingClient,
  MessagingModule,
  Payload,
  natsCore,
  natsJetStream,
  redisStreams,
  type MessagingTransport,
} from '@tenon/messaging';
import { uniqueName } from '../../../../test-support/unique-name';
import { startOwnServer } from '../fixtures/own-server';

/*
 * A message larger than the broker takes is refused to its publisher alone: emit() rejects, and
 * the application goes on publishing and consuming on the same transport. RabbitMQ's case (the
 * broker closes the publisher's channel) is in channel-recovery.spec.ts.
 */

const natsUrl = process.env.TENON_TEST_NATS_URL;
const redisUrl = process.env.TENON_TEST_REDIS_URL;

const handled: number[] = [];

@Injectable()
class Handlers {
  @EventPattern('oversize.counted', { group: 'oversize' })
  counted(@Payload('n') n: number): void {
    handled.push(n);
  }
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Boots an app on `transport`, emits a message of `bytes`, then checks the app still works. */
async function refusesAlone(transport: MessagingTransport, bytes: number): Promise<Error> {
  handled.length = 0;
  @Module({ imports: [MessagingModule.forRoot({ transport })], providers: [Handlers] })
  class OversizeModule {}
  const app = await ApplicationContext.create(OversizeModule, { logger: false });
  try {
    const client = app.get(MessagingClient);
    await client.emit('oversize.counted', { n: 1 });
    const error = await client
      .emit('oversize.counted', { n: 2, pad: 'x'.repeat(bytes) })
      .then(() => undefined)
      .catch((e: unknown) => e as Error);
    await client.emit('oversize.counted', { n: 3 });
    await until(() => handled.includes(1) && handled.includes(3), 10_000, `handled ${handled.join(',')}`);
    expect(handled).not.toContain(2);
    expect(error).toBeInstanceOf(Error);
    return error!;
  } finally {
    await (transport as { deleteResources?(): Promise<void> }).deleteResources?.().catch(() => undefined);
    await app.close();
  }
}

(natsUrl ? describe : describe.skip)('NATS: a message over max_payload', () => {
  jest.setTimeout(30_000);
  it('is refused to its publisher, and the transport goes on', async () => {
    const transport = natsJetStream({ servers: natsUrl!, prefix: uniqueName('tenon_test_oversize') });
    // The server's default max_payload is 1 MiB.
    const error = await refusesAlone(transport, 1024 * 1024 + 1);
    expect(error.message).toMatch(/max.?payload/i);
  });
});

(natsUrl ? describe : describe.skip)('core NATS: a message over max_payload', () => {
  jest.setTimeout(30_000);
  it('is refused to its publisher at once, and the transport goes on', async () => {
    const transport = natsCore({ servers: natsUrl!, prefix: uniqueName('tenon_test_oversize_core') });
    const error = await refusesAlone(transport, 1024 * 1024 + 1);
    expect(error.message).toMatch(/max.?payload/i);
  });
});

/**
 * A redis-server of this suite's own with the smallest proto-max-bulk-len Redis accepts (1 MiB),
 * on a Unix socket in a folder of this run (no TCP port: two runs at once cannot meet).
 */
(redisUrl ? describe : describe.skip)(
  'Redis: a message over proto-max-bulk-len (own redis-server on a Unix socket)',
  () => {
    jest.setTimeout(30_000);
    let folder: string | undefined;
    // ioredis takes a socket path where it takes a URL.
    let socket = '';
    let server: ChildProcess | undefined;

    beforeAll(async () => {
      folder = mkdtempSync(join(tmpdir(), 'tenon-redis-'));
      socket = join(folder, 'redis.sock');
      server = await startOwnServer(
        'redis-server',
        [
          '--port',
          '0',
          '--unixsocket',
          socket,
          '--unixsocketperm',
          '700',
          '--save',
          '',
          '--appendonly',
          'no',
          '--proto-max-bulk-len',
          '1mb',
        ],
        { path: socket },
      );
    });

    afterAll(async () => {
      if (server && server.exitCode === null && server.signalCode === null) {
        server.kill('SIGKILL');
        await once(server, 'exit');
      }
      if (folder) rmSync(folder, { recursive: true, force: true });
    });

    it('is refused to its publisher, and the transport goes on', async () => {
      const transport = redisStreams({
        url: socket,
        prefix: uniqueName('tenon_test_oversize'),
      });
      const error = await refusesAlone(transport, 1024 * 1024 + 1);
      expect(error.message).toMatch(/bulk length|Protocol error|too large/i);
    });

    it('is refused alone when published in the same tick as others (one pipeline)', async () => {
      handled.length = 0;
      const transport = redisStreams({
        url: socket,
        prefix: uniqueName('tenon_test_oversize_tick'),
      });
      @Module({ imports: [MessagingModule.forRoot({ transport })], providers: [Handlers] })
      class SameTickModule {}
      const app = await ApplicationContext.create(SameTickModule, { logger: false });
      try {
        const client = app.get(MessagingClient);
        const outcomes = await Promise.allSettled([
          client.emit('oversize.counted', { n: 1 }),
          client.emit('oversize.counted', { n: 2, pad: 'x'.repeat(1024 * 1024 + 1) }),
          client.emit('oversize.counted', { n: 3 }),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        await until(() => handled.includes(1) && handled.includes(3), 10_000, `handled ${handled.join(',')}`);
        expect(handled).not.toContain(2);
      } finally {
        await transport.deleteResources().catch(() => undefined);
        await app.close();
      }
    });
  },
);
