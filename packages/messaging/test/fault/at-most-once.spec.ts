import 'reflect-metadata';
import { ApplicationContext, Injectable, Module } from '@tenon/core';
import {
  EventPattern,
  MESSAGING_TRANSPORT,
  MessageObserver,
  MessagingClient,
  MessagingErrorCode,
  MessagingModule,
  Ctx,
  MessageContext,
  MessagePattern,
  Payload,
  natsCore,
} from '@tenon/messaging';
import { uniqueName } from '../../../../test-support/unique-name';

/*
 * Core NATS delivers at most once: a failed event is dropped after its one delivery (no retry,
 * nothing kept), a body the codec cannot decode too, and the consumer goes on.
 */

const natsUrl = process.env.TENON_TEST_NATS_URL;
// The application's subjects and the raw publisher's: the same prefix, of this run alone.
const prefix = uniqueName('tenon_test_once');
const calls: number[] = [];

/** The message ids two groups saw, by payload `n`. */
const idsSeen: Array<{ group: string; n: number; id: string; headers: Record<string, string> }> = [];

@Injectable()
class IdHandlers {
  @EventPattern('once.ids', { group: 'ids-a' })
  a(@Payload('n') n: number, @Ctx() context: MessageContext): void {
    idsSeen.push({ group: 'a', n, id: context.messageId, headers: { ...context.headers } });
  }

  @EventPattern('once.ids', { group: 'ids-b' })
  b(@Payload('n') n: number, @Ctx() context: MessageContext): void {
    idsSeen.push({ group: 'b', n, id: context.messageId, headers: { ...context.headers } });
  }
}

const backlog: number[] = [];
let releaseFirst: () => void = () => undefined;

@Injectable()
class BacklogHandler {
  /**
   * The first event holds the one slot until released; the rest return at once. No parameter
   * decorators: such a handler is called directly, and one that returns a value ends in the call.
   */
  @EventPattern('once.backlog', { group: 'backlog', concurrency: 1 })
  on({ n }: { n: number }): Promise<void> | void {
    backlog.push(n);
    if (n === 0) return new Promise<void>((resolve) => (releaseFirst = resolve));
  }
}

@Injectable()
class Handlers {
  @EventPattern('once.fails', { group: 'once', retry: { maxDeliveries: 5, initialDelayMs: 10 } })
  fails(@Payload('n') n: number): void {
    calls.push(n);
    if (n === 1) throw new Error('first one fails');
  }

  /** Answers with the headers it got: they cross core NATS in both directions. */
  @MessagePattern('once.headers')
  headers(@Ctx() context: MessageContext): Record<string, string> {
    return { ...context.headers };
  }
}

(natsUrl ? describe : describe.skip)('core NATS: at most once', () => {
  jest.setTimeout(20_000);
  let app: ApplicationContext;

  beforeAll(async () => {
    const transport = natsCore({ servers: natsUrl!, prefix });
    @Module({
      imports: [MessagingModule.forRoot({ transport })],
      providers: [Handlers, IdHandlers, BacklogHandler],
    })
    class OnceModule {}
    app = await ApplicationContext.create(OnceModule, { logger: false });
  });

  afterAll(() => app.close());

  it('drops a failed event after one delivery although the retry policy allows five', async () => {
    const observer = app.get(MessageObserver);
    const dropped = observer.handled('once.fails', { outcomes: ['dead-lettered'] });
    await app.get(MessagingClient).emit('once.fails', { n: 1 });
    const outcome = await dropped;
    expect(outcome.deliveryCount).toBe(1);
    expect((outcome.error as Error).message).toBe('first one fails');
    const next = observer.handled('once.fails');
    await app.get(MessagingClient).emit('once.fails', { n: 2 });
    await next;
    await new Promise((r) => setTimeout(r, 200));
    expect(calls).toEqual([1, 2]);
    expect(await app.get(MESSAGING_TRANSPORT).deadLetters('once.fails', 'once')).toEqual([]);
  });

  it('drops a body the codec cannot decode with UNDECODABLE_MESSAGE, and goes on', async () => {
    const observer = app.get(MessageObserver);
    const dropped = observer.handled('once.fails', { outcomes: ['dead-lettered'] });
    const transport = natsCore({ servers: natsUrl!, prefix });
    await transport.connect();
    try {
      await transport.publish({ subject: 'once.fails', body: Buffer.from('{"n": '), headers: {} });
      const outcome = await dropped;
      expect((outcome.error as { code: string }).code).toBe(MessagingErrorCode.UNDECODABLE_MESSAGE);
      expect((outcome.error as Error).message).toContain(`'once.fails'`);
      expect(outcome.messageId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await transport.close();
    }
    const next = observer.handled('once.fails');
    await app.get(MessagingClient).emit('once.fails', { n: 3 });
    await next;
    expect(calls).toContain(3);
  });

  it('puts no header on an event of JSON alone: no id is made up, and JSON is the default type', async () => {
    // A raw subscription beside the application's: it sees the bytes Tenon put on the wire.
    const nats = await import('@nats-io/transport-node');
    const raw = await nats.connect({ servers: natsUrl! });
    try {
      const onWire: Array<{ n: number; headers: Record<string, string> | undefined }> = [];
      raw.subscribe(`${prefix}.ev.once.ids`, {
        callback: (_error, m) => {
          const headers = m.headers
            ? Object.fromEntries([...m.headers].map(([k, v]) => [k.toLowerCase(), v[0]!]))
            : undefined;
          onWire.push({ n: (m.json() as { n: number }).n, headers });
        },
      });
      await raw.flush();
      idsSeen.length = 0;
      const client = app.get(MessagingClient);
      const observer = app.get(MessageObserver);
      const handled = Promise.all([
        observer.handled('once.ids', { predicate: (o) => o.group === 'ids-a' }),
        observer.handled('once.ids', { predicate: (o) => o.group === 'ids-b' }),
      ]);
      await client.emit('once.ids', { n: 1 });
      await handled;
      const withId = Promise.all([
        observer.handled('once.ids', { predicate: (o) => o.group === 'ids-a' }),
        observer.handled('once.ids', { predicate: (o) => o.group === 'ids-b' }),
      ]);
      await client.emit('once.ids', { n: 2 }, { messageId: 'order-7', headers: { 'x-tenant': 'acme' } });
      await withId;
      await raw.flush();
      await new Promise((r) => setTimeout(r, 50));

      expect(onWire).toEqual([
        { n: 1, headers: undefined },
        { n: 2, headers: { 'x-tenant': 'acme', 'tenon-message-id': 'order-7' } },
      ]);
      const first = idsSeen.filter((s) => s.n === 1);
      expect(first).toHaveLength(2);
      // Each delivery of an event without an id gets one of its own.
      for (const seen of first) expect(seen.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(first[0]!.id).not.toBe(first[1]!.id);
      expect(first[0]!.headers).toEqual({});
      // A given id reaches every group as it was given.
      expect(idsSeen.filter((s) => s.n === 2).map((s) => [s.id, s.headers])).toEqual([
        ['order-7', { 'x-tenant': 'acme', 'tenon-message-id': 'order-7' }],
        ['order-7', { 'x-tenant': 'acme', 'tenon-message-id': 'order-7' }],
      ]);
    } finally {
      await raw.close();
    }
  });

  it('works through a backlog behind a slow event in order, handlers that return at once in one loop', async () => {
    const client = app.get(MessagingClient);
    const observer = app.get(MessageObserver);
    const total = 20_000;
    const last = observer.handled('once.backlog', {
      predicate: (o) => (o.payload as { n: number }).n === total - 1,
      timeout: 15_000,
    });
    for (let n = 0; n < total; n++) void client.emit('once.backlog', { n });
    // The rest of the events arrive while the first holds the slot (concurrency 1).
    while (backlog.length === 0) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 300));
    expect(backlog).toEqual([0]);
    // Released: 19,999 waiting events run from one call; nested, they would overflow the stack.
    releaseFirst();
    await last;
    expect(backlog).toEqual(Array.from({ length: total }, (_, n) => n));
  });

  it('carries headers both ways: names lower-case, a multi-line value folded onto one line', async () => {
    const client = app.get(MessagingClient);
    const headers = await client.send<Record<string, string>>(
      'once.headers',
      {},
      { headers: { 'x-tenant': 'acme', 'x-reason': 'line one\n  line two', 'x-colon': 'a: b' } },
    );
    expect(headers).toMatchObject({ 'x-tenant': 'acme', 'x-reason': 'line one line two', 'x-colon': 'a: b' });
    // No id is made up for a request on core NATS (the reply is matched by its inbox subject).
    expect(headers['tenon-message-id']).toBeUndefined();
    const error = await client
      .send('once.headers', {}, { headers: { 'bad name': 'x' } })
      .catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/not a valid character in a header name/);
  });
});
