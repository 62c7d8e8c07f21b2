import 'reflect-metadata';
import { ApplicationContext, Inject, Injectable, InjectionToken, Module } from '@tenon/core';
import { Column, CrudRepository, DataModule, Database, Entity, Id, Repository, sql } from '@tenon/data';
import {
  EventPattern,
  Idempotent,
  INBOX_TABLE,
  MessageObserver,
  MessagingClient,
  MessagingErrorCode,
  MessagingModule,
  Payload,
  inMemory,
  type InMemoryTransport,
} from '@tenon/messaging';
import { databaseTargets, postgresSkipNote } from '../fixtures/databases';

@Entity('msg_ledger')
class LedgerEntry {
  @Id({ generated: 'identity' }) id!: number;
  @Column({ length: 100 }) paymentId!: string;
  @Column() amount!: number;
}

@Repository(LedgerEntry)
class LedgerRepository extends CrudRepository<LedgerEntry, number> {}

const FAILURES = new InjectionToken<{ left: number }>('FAILURES');

@Injectable()
class PaymentHandlers {
  constructor(
    private readonly ledger: LedgerRepository,
    @Inject(FAILURES) private readonly failures: { left: number },
  ) {}

  @EventPattern('payments.captured', { group: 'ledger' })
  @Idempotent()
  async onCaptured(@Payload() event: { paymentId: string; amount: number }): Promise<void> {
    await this.ledger.save({ paymentId: event.paymentId, amount: event.amount });
    // Fails after its write: the write and the inbox row roll back together.
    if (this.failures.left-- > 0) throw new Error('ledger hiccup');
  }
}

async function boot(url: string) {
  const transport = inMemory();
  const failures = { left: 0 };
  @Module({
    imports: [
      DataModule.forRoot({ url, schema: 'create' }),
      DataModule.forFeature([LedgerRepository]),
      MessagingModule.forRoot({ transport, retry: { maxDeliveries: 3, initialDelayMs: 20 } }),
    ],
    providers: [PaymentHandlers, { provide: FAILURES, useValue: failures }],
  })
  class InboxApp {}
  const app = await ApplicationContext.create(InboxApp, { logger: false });
  return {
    app,
    failures,
    client: app.get(MessagingClient),
    observer: app.get(MessageObserver),
    ledger: app.get(LedgerRepository),
  };
}

describe(`@Idempotent inbox${postgresSkipNote}`, () => {
  jest.setTimeout(30_000);
  for (const target of databaseTargets('inbox')) {
    describe(target.name, () => {
      // One application per database: a PGlite start costs seconds.
      let booted: Awaited<ReturnType<typeof boot>>;
      beforeAll(async () => {
        booted = await boot(await target.url());
      });
      afterAll(async () => {
        await booted?.app.close();
        await target.cleanup();
      });

      it('handles a message id once: a second delivery of it is acknowledged and skipped', async () => {
        const { app, client, observer, ledger } = booted;
        const first = observer.handled('payments.captured');
        await client.emit('payments.captured', { paymentId: 'p-1', amount: 10 }, { messageId: 'msg-1' });
        expect((await first).outcome).toBe('handled');
        const second = observer.handled('payments.captured', { outcomes: ['handled', 'skipped-duplicate'] });
        await client.emit('payments.captured', { paymentId: 'p-1', amount: 10 }, { messageId: 'msg-1' });
        expect((await second).outcome).toBe('skipped-duplicate');
        expect(await ledger.count()).toBe(1);
        const db = app.get(Database);
        const rows = await sql<{
          consumer: string;
          message_id: string;
        }>`select consumer, message_id from ${sql.table(INBOX_TABLE)}`.execute(db.kysely);
        expect(rows.rows).toEqual([{ consumer: 'ledger', message_id: 'msg-1' }]);
      });

      it('rolls back the inbox row with the work when the handler fails, so the retry runs it', async () => {
        const { client, observer, ledger, failures } = booted;
        failures.left = 1;
        const done = observer.handled('payments.captured');
        await client.emit('payments.captured', { paymentId: 'p-2', amount: 5 }, { messageId: 'msg-2' });
        expect((await done).deliveryCount).toBe(2);
        expect((await ledger.findAll()).map((e) => e.paymentId).sort()).toEqual(['p-1', 'p-2']);
      });
    });
  }

  it('dead-letters with TENON_MESSAGING_DATA_MODULE_MISSING when there is no DataModule', async () => {
    @Injectable()
    class NoDb {
      @EventPattern('nodb.event') @Idempotent() handle(): void {}
    }
    const transport = inMemory();
    @Module({
      imports: [MessagingModule.forRoot({ transport, retry: { maxDeliveries: 1 } })],
      providers: [NoDb],
    })
    class NoDbApp {}
    const app = await ApplicationContext.create(NoDbApp, { logger: false });
    const dead = app.get(MessageObserver).handled('nodb.event', { outcomes: ['dead-lettered'] });
    await app.get(MessagingClient).emit('nodb.event', {});
    await dead;
    const [letter] = await (transport as InMemoryTransport).deadLetters('nodb.event', 'NoDb.handle');
    expect(letter!.reason).toContain(MessagingErrorCode.DATA_MODULE_MISSING);
    await app.close();
  });
});
