import 'reflect-metadata';
import Redis from 'ioredis';
import { HEADER, redisStreams, type Delivery, type RedisStreamsTransport } from '@tenon/messaging';
import { uniqueName } from '../../../../test-support/unique-name';

/*
 * What the Redis transport writes in a stream entry, and that it reads what it and its earlier
 * versions wrote: `b` (the body) always, the message id in `i` and the content type in `c`,
 * other headers as JSON in `h` only when there are some; an entry of an earlier version (every
 * header as JSON in `h`, always present) is still delivered with its headers.
 */

const url = process.env.TENON_TEST_REDIS_URL;

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

(url ? describe : describe.skip)('Redis Streams: the fields of a stream entry', () => {
  jest.setTimeout(30_000);
  let prefix: string;
  let transport: RedisStreamsTransport;
  let redis: Redis;
  const deliveries: Delivery[] = [];

  beforeEach(async () => {
    prefix = uniqueName('tenon_test_entries');
    deliveries.length = 0;
    transport = redisStreams({ url: url!, prefix, blockMs: 100 });
    await transport.connect();
    redis = new Redis(url!);
    await transport.consume({
      subject: 'entries.made',
      group: 'g',
      concurrency: 8,
      maxDeliveries: 5,
      handle: async (delivery) => {
        deliveries.push(delivery);
        await delivery.ack();
      },
    });
  });

  afterEach(async () => {
    await transport.stopConsuming();
    await transport.deleteResources();
    await transport.close();
    redis.disconnect();
  });

  const fieldNames = async (): Promise<string[][]> =>
    (await redis.xrange(`${prefix}:ev:entries.made`, '-', '+')).map(([, fields]) =>
      fields.filter((_, i) => i % 2 === 0),
    );

  it('writes no headers field for a message without headers, and delivers it with none', async () => {
    await transport.publish({ subject: 'entries.made', body: Buffer.from('{"n":1}'), headers: {} });
    expect(await fieldNames()).toEqual([['b']]);
    await until(() => deliveries.length === 1, 'the delivery');
    const [delivery] = deliveries;
    expect(delivery!.headers).toEqual({});
    expect(Buffer.from(delivery!.body).toString()).toBe('{"n":1}');
    // Without a message id header, the id is the entry's.
    expect(delivery!.id).toMatch(/^\d+-\d+$/);
  });

  it('writes the message id and the content type as fields of their own, without JSON', async () => {
    const headers = { [HEADER.MESSAGE_ID]: 'm-1', [HEADER.CONTENT_TYPE]: 'application/json' };
    await transport.publish({ subject: 'entries.made', body: Buffer.from('{"n":1}'), headers });
    const [[, fields]] = await redis.xrange(`${prefix}:ev:entries.made`, '-', '+');
    expect(fields).toEqual(['i', 'm-1', 'c', 'application/json', 'b', '{"n":1}']);
    await until(() => deliveries.length === 1, 'the delivery');
    expect(deliveries[0]!.headers).toEqual(headers);
    expect(deliveries[0]!.id).toBe('m-1');
  });

  it('writes other headers as JSON in h, and delivers them all', async () => {
    await transport.publish({
      subject: 'entries.made',
      body: Buffer.from('{"n":2}'),
      headers: { [HEADER.MESSAGE_ID]: 'm-2', 'x-trace': 't' },
    });
    expect(await fieldNames()).toEqual([['i', 'h', 'b']]);
    await until(() => deliveries.length === 1, 'the delivery');
    expect(deliveries[0]!.headers).toEqual({ [HEADER.MESSAGE_ID]: 'm-2', 'x-trace': 't' });
    expect(deliveries[0]!.id).toBe('m-2');
  });

  it('still reads an entry written by an earlier version (headers always present, then the body)', async () => {
    await redis.xadd(
      `${prefix}:ev:entries.made`,
      '*',
      'h',
      JSON.stringify({ [HEADER.MESSAGE_ID]: 'old-1', [HEADER.CONTENT_TYPE]: 'application/json' }),
      'b',
      '{"n":3}',
    );
    await redis.xadd(`${prefix}:ev:entries.made`, '*', 'h', '{}', 'b', '{"n":4}');
    await until(() => deliveries.length === 2, 'both deliveries');
    expect(
      deliveries.map((d) => [d.id.startsWith('old-1') ? d.id : 'entry-id', Buffer.from(d.body).toString()]),
    ).toEqual([
      ['old-1', '{"n":3}'],
      ['entry-id', '{"n":4}'],
    ]);
    expect(deliveries[0]!.headers).toEqual({
      [HEADER.MESSAGE_ID]: 'old-1',
      [HEADER.CONTENT_TYPE]: 'application/json',
    });
    expect(deliveries[1]!.headers).toEqual({});
  });

  it('stores each of many events published in one tick, in order, and resolves each publish', async () => {
    const bodies = Array.from({ length: 200 }, (_, n) => Buffer.from(`{"n":${n}}`));
    await Promise.all(
      bodies.map((body, n) =>
        transport.publish({ subject: 'entries.made', body, headers: { [HEADER.MESSAGE_ID]: `m-${n}` } }),
      ),
    );
    const stored = await redis.xrange(`${prefix}:ev:entries.made`, '-', '+');
    expect(stored.map(([, fields]) => fields[3])).toEqual(bodies.map((b) => b.toString()));
    await until(() => deliveries.length === 200, 'every delivery');
    expect(new Set(deliveries.map((d) => d.id)).size).toBe(200);
  });
});
