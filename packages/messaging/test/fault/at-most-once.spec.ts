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
    @Module({ imports: [MessagingModule.forRoot({ transport })], providers: [Handlers] })
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

  it('carries headers both ways: names lower-case, a multi-line value folded onto one line', async () => {
    const client = app.get(MessagingClient);
    const headers = await client.send<Record<string, string>>(
      'once.headers',
      {},
      { headers: { 'x-tenant': 'acme', 'x-reason': 'line one\n  line two', 'x-colon': 'a: b' } },
    );
    expect(headers).toMatchObject({ 'x-tenant': 'acme', 'x-reason': 'line one line two', 'x-colon': 'a: b' });
    expect(headers['tenon-message-id']).toMatch(/^[0-9a-f-]{36}$/);
    const error = await client
      .send('once.headers', {}, { headers: { 'bad name': 'x' } })
      .catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/not a valid character in a header name/);
  });
});
