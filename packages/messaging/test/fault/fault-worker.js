// A separate process for the fault suite, killed with SIGKILL by the test. Plain JavaScript on
// the built packages (dist): decorators are applied by hand.
require('reflect-metadata');
const { ApplicationContext, Module } = require('@tenon/core');
const { DataModule, Database, TransactionManager, sql } = require('@tenon/data');
const {
  EventPattern,
  Idempotent,
  Payload,
  MessagingModule,
  Outbox,
  natsJetStream,
} = require('@tenon/messaging');

const { MODE, DATABASE_URL, NATS_URL, PREFIX } = process.env;

class LedgerHandlers {
  async onPaid(event) {
    const tm = TransactionManager.getDefault();
    await sql`insert into msg_fault_ledger (payment_id) values (${event.paymentId})`.execute(tm.executor());
    // The crash this suite is about: after the commit, before the acknowledgement.
    if (event.killAfterCommit) tm.afterCommit(() => process.kill(process.pid, 'SIGKILL'));
    process.stdout.write(`handled ${event.paymentId}\n`);
  }
}
EventPattern('fault.paid', { group: 'ledger' })(
  LedgerHandlers.prototype,
  'onPaid',
  Object.getOwnPropertyDescriptor(LedgerHandlers.prototype, 'onPaid'),
);
Idempotent()(
  LedgerHandlers.prototype,
  'onPaid',
  Object.getOwnPropertyDescriptor(LedgerHandlers.prototype, 'onPaid'),
);
Payload()(LedgerHandlers.prototype, 'onPaid', 0);
Reflect.defineMetadata('design:paramtypes', [Object], LedgerHandlers.prototype, 'onPaid');

async function main() {
  const consumer = MODE === 'consumer';
  class FaultApp {}
  Module({
    imports: [
      DataModule.forRoot({ url: DATABASE_URL }),
      MessagingModule.forRoot({
        transport: natsJetStream({ servers: NATS_URL, prefix: PREFIX, ackWaitMs: 1000 }),
        publishOnly: !consumer,
        retry: { maxDeliveries: 10, initialDelayMs: 50 },
        outbox: { pollIntervalMs: 200 },
      }),
    ],
    providers: consumer ? [LedgerHandlers] : [],
  })(FaultApp);
  const app = await ApplicationContext.create(FaultApp, { logger: false });
  process.stdout.write('ready\n');
  if (consumer) return;
  // writer: transactions from START to 10,000; every 7th (i % 7 === 3) rolls back.
  const tm = app.get(Database).transactions;
  const outbox = app.get(Outbox);
  for (let i = Number(process.env.START ?? 0); i < 10_000; i++) {
    await tm
      .run(async () => {
        await sql`insert into msg_fault_articles (n) values (${i})`.execute(tm.executor());
        await outbox.publish('fault.article', { n: i });
        if (i % 7 === 3) throw new Error('rolled back on purpose');
      })
      .catch(() => undefined);
    if (i % 100 === 0) process.stdout.write(`at ${i}\n`);
  }
  process.stdout.write('written\n');
  await app.get(require('@tenon/messaging').OutboxRelay).flush();
  await app.close();
  process.stdout.write('done\n');
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack}\n`);
  process.exit(1);
});
