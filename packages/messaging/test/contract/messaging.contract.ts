import { MessagingErrorCode, RemoteError, type MessagingTransport } from '@tenon/messaging';
import { uniqueName } from '../../../../test-support/unique-name';
import { startContractApp, type ContractApp } from './contract-app';

/** A broker the contract runs on. */
export interface ContractTarget {
  readonly name: string;
  /** Why the suite cannot run here (e.g. the URL variable is unset); it then skips with this reason. */
  readonly skip?: string | undefined;
  /** A new connection to the broker; transports with the same `namespace` see the same queues. */
  transport(namespace: string): MessagingTransport;
  /** Removes what a namespace left on the broker (streams, queues, keys). */
  cleanup?(namespace: string): Promise<void>;
  /**
   * Set (to why) for a transport that delivers at most once (core NATS): the cases of
   * redelivery and stored dead letters are skipped with this reason, the rest runs unchanged.
   */
  readonly atMostOnce?: string;
}

/**
 * The contract every transport meets, run unchanged on each (test/contract/*.spec.ts): events
 * reach every group once, requests get replies, failures are retried then dead-lettered,
 * invalid payloads are dead-lettered at once, a message is acknowledged only after its handler
 * succeeded, instances of one group share messages, and shutdown drains running handlers.
 */
export function messagingContract(target: ContractTarget): void {
  const suite = target.skip ? describe.skip : describe;
  if (target.skip) {
    describe(`messaging contract on ${target.name}`, () => {
      it.skip(`skipped: ${target.skip}`, () => undefined);
    });
    return;
  }
  // Cases that need the broker to store, redeliver or keep dead letters.
  const stored = (name: string, fn: () => Promise<void>, timeout?: number): void => {
    if (target.atMostOnce) it.skip(`${name} (skipped: ${target.atMostOnce})`, fn);
    else it(name, fn, timeout);
  };
  // Dead letters are read back only where the broker keeps them.
  const keepsDeadLetters = target.atMostOnce === undefined;
  suite(`messaging contract on ${target.name}`, () => {
    jest.setTimeout(30_000);
    let namespace: string;
    const apps: ContractApp[] = [];
    const start = async (instance = 'a'): Promise<ContractApp> => {
      const app = await startContractApp(target.transport(namespace), instance);
      apps.push(app);
      return app;
    };

    beforeEach(() => {
      namespace = uniqueName('tenon_test');
    });

    afterEach(async () => {
      for (const app of apps.splice(0)) {
        app.recorder.release();
        await app.context.close();
      }
      await target.cleanup?.(namespace);
    });

    it('delivers an emitted event to its handler, validated into the DTO', async () => {
      const app = await start();
      await app.client.emit('contract.created', { id: 1, name: 'first', extra: 'stripped' });
      const [outcome] = await app.collect('contract.created', 2);
      expect(outcome!.outcome).toBe('handled');
      const [call] = app.recorder.of('created');
      expect(call!.payload).toEqual({ id: 1, name: 'first' });
      expect(call!.payload).toBeInstanceOf(Object);
      expect(call!.deliveryCount).toBe(1);
      expect(call!.messageId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('gives every consumer group each event once', async () => {
      const app = await start();
      for (let id = 1; id <= 5; id++) await app.client.emit('contract.created', { id, name: `n${id}` });
      await app.collect('contract.created', 10);
      await new Promise((r) => setTimeout(r, 200));
      const ids = (handler: string) =>
        app.recorder
          .of(handler)
          .map((c) => (c.payload as { id: number }).id)
          .sort();
      expect(ids('created')).toEqual([1, 2, 3, 4, 5]);
      expect(ids('createdOther')).toEqual([1, 2, 3, 4, 5]);
    });

    it('answers a request with the handler result', async () => {
      const app = await start();
      await expect(app.client.send('contract.sum', { a: 2, b: 3 })).resolves.toEqual({
        sum: 5,
        instance: 'a',
      });
    });

    it('rejects a request with RemoteError carrying the handler error code', async () => {
      const app = await start();
      const error = await app.client.send('contract.fail', {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteError);
      expect((error as RemoteError).code).toBe(MessagingErrorCode.REMOTE_ERROR);
      expect((error as RemoteError).remoteCode).toBe('TENON_TEST_BOOM');
      expect((error as RemoteError).message).toBe(
        `The handler of 'contract.fail' failed with TENON_TEST_BOOM: the responder refused`,
      );
    });

    it('rejects a request with an invalid payload, naming the field', async () => {
      const app = await start();
      const error = (await app.client
        .send('contract.sum', { a: 'x', b: 1 })
        .catch((e: unknown) => e)) as RemoteError;
      expect(error.remoteCode).toBe(MessagingErrorCode.INVALID_PAYLOAD);
      expect(error.remoteMessage).toContain('a: a must be an integer number');
    });

    it('rejects a request nobody answers with NO_RESPONDER at once', async () => {
      const app = await start();
      // A timeout far above the test's own: only the no-responder path can end it in time.
      const error = (await app.client
        .send('contract.nobody', {}, { timeout: 60_000 })
        .catch((e: unknown) => e)) as { code: string; message: string };
      expect(error.code).toBe(MessagingErrorCode.NO_RESPONDER);
      expect(error.message).toContain(`No responder listens on 'contract.nobody'.`);
    });

    stored('delivers a failed event again, and the second delivery succeeds', async () => {
      const app = await start();
      await app.client.emit('contract.flaky', { n: 1 });
      await app.collect('contract.flaky', 1);
      expect(app.recorder.of('flaky').map((c) => c.deliveryCount)).toEqual([1, 2]);
      expect(await app.transport.deadLetters('contract.flaky', 'g1')).toEqual([]);
    });

    stored('dead-letters an event after maxDeliveries failed deliveries', async () => {
      const app = await start();
      await app.client.emit('contract.broken', { n: 7 });
      const [dead] = await app.collect('contract.broken', 1, ['dead-lettered']);
      expect(dead!.deliveryCount).toBe(3);
      expect(app.recorder.of('broken').map((c) => c.deliveryCount)).toEqual([1, 2, 3]);
      const letters = await waitFor(
        () => app.transport.deadLetters('contract.broken', 'g1'),
        (l) => l.length > 0,
      );
      expect(letters).toHaveLength(1);
      expect(JSON.parse(Buffer.from(letters[0]!.body).toString())).toEqual({ n: 7 });
      expect(letters[0]!.reason).toBe('Error: broken handler always fails');
      await new Promise((r) => setTimeout(r, 400));
      expect(app.recorder.of('broken')).toHaveLength(3);
    });

    it('dead-letters an invalid payload at once, without calling the handler or retrying', async () => {
      const app = await start();
      await app.client.emit('contract.created', { id: 'not a number', name: '' });
      const outcomes = await app.collect('contract.created', 2, ['dead-lettered']);
      expect(outcomes.map((o) => o.deliveryCount)).toEqual([1, 1]);
      expect(app.recorder.of('created')).toEqual([]);
      if (!keepsDeadLetters) return;
      const letters = await waitFor(
        () => app.transport.deadLetters('contract.created', 'g1'),
        (l) => l.length > 0,
      );
      expect(letters[0]!.reason).toContain(MessagingErrorCode.INVALID_PAYLOAD);
      expect(letters[0]!.reason).toContain('id: id must be an integer number');
    });

    it('dead-letters a payload the codec cannot decode at once, in every group, without calling a handler', async () => {
      const app = await start();
      await app.transport.publish({
        subject: 'contract.created',
        body: Buffer.from('{"id": 1, "name": '),
        headers: { 'tenon-message-id': '00000000-0000-4000-8000-000000000001' },
      });
      const outcomes = await app.collect('contract.created', 2, ['dead-lettered']);
      expect(outcomes.map((o) => o.deliveryCount)).toEqual([1, 1]);
      expect(outcomes.map((o) => (o.error as { code: string }).code)).toEqual([
        MessagingErrorCode.UNDECODABLE_MESSAGE,
        MessagingErrorCode.UNDECODABLE_MESSAGE,
      ]);
      expect(app.recorder.of('created')).toEqual([]);
      if (keepsDeadLetters) {
        const letters = await waitFor(
          () => app.transport.deadLetters('contract.created', 'g1'),
          (l) => l.length > 0,
        );
        expect(Buffer.from(letters[0]!.body).toString()).toBe('{"id": 1, "name": ');
        expect(letters[0]!.reason).toContain(MessagingErrorCode.UNDECODABLE_MESSAGE);
      }
      // The consumer goes on.
      await app.client.emit('contract.created', { id: 2, name: 'after' });
      await app.collect('contract.created', 2);
    });

    it('runs class guards on events: a refused event is dead-lettered at once, an allowed one handled', async () => {
      const app = await start();
      await app.client.emit('contract.guarded', { n: 1 });
      await app.client.emit('contract.guarded', { n: 2 }, { headers: { 'x-tenant': 'acme' } });
      const [refused] = await app.collect('contract.guarded', 1, ['dead-lettered']);
      await app.collect('contract.guarded', 1);
      expect(refused!.deliveryCount).toBe(1);
      expect((refused!.error as { code: string }).code).toBe(MessagingErrorCode.FORBIDDEN_BY_GUARD);
      expect(app.recorder.of('guarded').map((c) => c.payload)).toEqual([{ n: 2 }]);
      expect(app.recorder.guardTypes).toEqual(['rpc', 'rpc']);
      if (!keepsDeadLetters) return;
      const letters = await waitFor(
        () => app.transport.deadLetters('contract.guarded', 'g1'),
        (l) => l.length > 0,
      );
      expect(letters[0]!.reason).toContain(MessagingErrorCode.FORBIDDEN_BY_GUARD);
    });

    it('answers a request a guard refuses with FORBIDDEN_BY_GUARD', async () => {
      const app = await start();
      const error = (await app.client
        .send('contract.guarded-sum', { a: 1, b: 2 })
        .catch((e: unknown) => e)) as RemoteError;
      expect(error).toBeInstanceOf(RemoteError);
      expect(error.remoteCode).toBe(MessagingErrorCode.FORBIDDEN_BY_GUARD);
      expect(error.remoteMessage).toContain(
        `A guard of GuardedHandlers.guardedSum refused a message on 'contract.guarded-sum'.`,
      );
      await expect(
        app.client.send('contract.guarded-sum', { a: 1, b: 2 }, { headers: { 'x-tenant': 'acme' } }),
      ).resolves.toBe(3);
    });

    it('runs interceptors around a request handler', async () => {
      const app = await start();
      await expect(app.client.send('contract.wrapped', { a: 4, b: 5 })).resolves.toEqual({
        type: 'rpc',
        subject: 'contract.wrapped',
        data: 9,
      });
    });

    it('runs @UsePipes pipes on the payload; a rejected value answers INVALID_PAYLOAD', async () => {
      const app = await start();
      await expect(app.client.send('contract.double', { n: '21' })).resolves.toBe(42);
      const error = (await app.client
        .send('contract.double', { n: 'abc' })
        .catch((e: unknown) => e)) as RemoteError;
      expect(error.remoteCode).toBe(MessagingErrorCode.INVALID_PAYLOAD);
      expect(error.remoteMessage).toContain('n: ');
    });

    it('dead-letters an event a @UsePipes pipe rejects, without a retry', async () => {
      const app = await start();
      await app.client.emit('contract.count', { n: 'abc' });
      await app.client.emit('contract.count', { n: '7' });
      const [dead] = await app.collect('contract.count', 1, ['dead-lettered']);
      await app.collect('contract.count', 1);
      expect(dead!.deliveryCount).toBe(1);
      expect((dead!.error as { code: string }).code).toBe(MessagingErrorCode.INVALID_PAYLOAD);
      expect(app.recorder.of('count').map((c) => c.payload)).toEqual([7]);
    });

    it('lets an exception filter answer a request and settle an event', async () => {
      const app = await start();
      await expect(app.client.send('contract.reserve', { sku: 'a-1' })).resolves.toEqual({
        refused: 'a-1 is out of stock',
      });
      await app.client.emit('contract.restock', { sku: 'b-2' });
      const [handled] = await app.collect('contract.restock', 1);
      expect(handled!.result).toEqual({ refused: 'b-2 is out of stock' });
      await new Promise((r) => setTimeout(r, 300));
      expect(app.recorder.of('restock').map((c) => c.deliveryCount)).toEqual([1]);
    });

    stored(
      'acknowledges only after success: a message whose consumer died is handled by another instance',
      async () => {
        const first = await start('first');
        await first.client.emit('contract.slow', { n: 1 });
        await waitFor(
          async () => first.recorder.slowStarted,
          (n) => n === 1,
        );
        // The connection goes away while the handler runs: nothing was acknowledged.
        await first.transport.close();
        const second = await start('second');
        second.recorder.release();
        const [outcome] = await second.collect('contract.slow', 1, ['handled'], 20_000);
        expect(outcome!.deliveryCount).toBeGreaterThanOrEqual(2);
        expect(second.recorder.of('slow')).toHaveLength(1);
      },
      30_000,
    );

    it('shares one group between two instances without handling a message twice', async () => {
      const a = await start('a');
      const b = await start('b');
      a.recorder.handlerDelayMs = b.recorder.handlerDelayMs = 5;
      const count = 40;
      for (let id = 1; id <= count; id++) await a.client.emit('contract.created', { id, name: `n${id}` });
      await waitFor(
        async () => a.recorder.of('created').length + b.recorder.of('created').length,
        (n) => n >= count,
        15_000,
      );
      await new Promise((r) => setTimeout(r, 300));
      const all = [...a.recorder.of('created'), ...b.recorder.of('created')].map(
        (c) => (c.payload as { id: number }).id,
      );
      expect(all).toHaveLength(count);
      expect(new Set(all).size).toBe(count);
      expect(a.recorder.of('created').length).toBeGreaterThan(0);
      expect(b.recorder.of('created').length).toBeGreaterThan(0);
    }, 30_000);

    it('drains running handlers at shutdown and acknowledges their messages', async () => {
      const app = await start();
      await app.client.emit('contract.slow', { n: 1 });
      await waitFor(
        async () => app.recorder.slowStarted,
        (n) => n === 1,
      );
      setTimeout(() => app.recorder.release(), 300);
      const closing = Date.now();
      await app.context.close();
      expect(Date.now() - closing).toBeGreaterThanOrEqual(250);
      expect(app.recorder.slowFinished).toBe(1);
      apps.splice(apps.indexOf(app), 1);
      // Acknowledged before the connection closed: a new instance of the group gets nothing.
      const next = await start('next');
      next.recorder.release();
      await new Promise((r) => setTimeout(r, 1500));
      expect(next.recorder.of('slow')).toEqual([]);
    }, 20_000);
  });
}

/** Polls `read` until `done` holds (or fails after `timeout`). */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeout = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeout} ms (last value: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
