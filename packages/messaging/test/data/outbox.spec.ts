import 'reflect-metadata';
import { ApplicationContext, Injectable, Module } from '@tenon/core';
import {
  Column,
  CrudRepository,
  DataModule,
  Database,
  Entity,
  Id,
  Repository,
  Transactional,
  sql,
} from '@tenon/data';
import {
  EventBus,
  EventPattern,
  Ctx,
  InMemoryBroker,
  InMemoryTransport,
  MessageContext,
  MessageObserver,
  MessagingErrorCode,
  MessagingModule,
  OnEvent,
  Outbox,
  OutboxRelay,
  OUTBOX_TABLE,
  Payload,
  inMemory,
} from '@tenon/messaging';
import { databaseTargets, postgresSkipNote } from '../fixtures/databases';

@Entity('msg_articles')
class Article {
  @Id({ generated: 'identity' }) id!: number;
  @Column({ length: 100 }) title!: string;
}

@Repository(Article)
class ArticleRepository extends CrudRepository<Article, number> {}

/** The in-memory transport declared at most once, as core NATS is: emit() gives no id of its own there. */
class AtMostOnceMemory extends InMemoryTransport {
  readonly atMostOnce = true;
}

/** Where the afterCommit listener and the consumers write what they saw. */
const seen = {
  published: [] as string[],
  afterCommit: [] as string[],
  immediate: [] as string[],
  ids: [] as string[],
};

@Injectable()
class ArticleService {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly outbox: Outbox,
    private readonly events: EventBus,
  ) {}

  @Transactional()
  async publish(title: string, fail = false): Promise<void> {
    await this.articles.save({ title });
    await this.outbox.publish('articles.published', { title });
    await this.events.emit('article.saved', title);
    if (fail) throw new Error('rolled back on purpose');
  }

  @OnEvent('article.saved', { afterCommit: true })
  afterCommit(title: string): void {
    seen.afterCommit.push(title);
  }

  @OnEvent('article.saved')
  immediately(title: string): void {
    seen.immediate.push(title);
  }
}

@Injectable()
class FeedHandlers {
  @EventPattern('articles.published', { group: 'feed' })
  onPublished(@Payload() event: { title: string }, @Ctx() context: MessageContext): void {
    seen.published.push(event.title);
    seen.ids.push(context.messageId);
  }
}

async function boot(
  url: string,
  broker: InMemoryBroker,
  options: { relay?: boolean; consume?: boolean; atMostOnce?: boolean } = {},
) {
  @Module({
    imports: [
      DataModule.forRoot({ url, schema: 'create' }),
      DataModule.forFeature([ArticleRepository]),
      MessagingModule.forRoot({
        transport: options.atMostOnce ? new AtMostOnceMemory({ broker }) : inMemory({ broker }),
        publishOnly: options.consume === false,
        outbox: { relay: options.relay !== false, pollIntervalMs: 100 },
      }),
    ],
    providers: [ArticleService, FeedHandlers],
  })
  class OutboxApp {}
  return ApplicationContext.create(OutboxApp, { logger: false });
}

async function unsent(app: ApplicationContext): Promise<number> {
  const db = app.get(Database);
  const { rows } = await sql<{
    n: string | number;
  }>`select count(*) as n from ${sql.table(OUTBOX_TABLE)} where sent_at is null`.execute(db.kysely);
  return Number(rows[0]!.n);
}

async function until(check: () => boolean | Promise<boolean>, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe(`transactional outbox and after-commit events${postgresSkipNote}`, () => {
  jest.setTimeout(60_000);
  beforeEach(() => {
    seen.published.length = seen.afterCommit.length = seen.immediate.length = seen.ids.length = 0;
  });

  for (const target of databaseTargets('outbox')) {
    describe(target.name, () => {
      // Each test closes its applications before this runs.
      afterAll(() => target.cleanup());

      it('sends what committed, never what rolled back, and runs afterCommit listeners only after a commit', async () => {
        const broker = new InMemoryBroker();
        const app = await boot(await target.url(), broker);
        const service = app.get(ArticleService);
        const handled = app.get(MessageObserver).handled('articles.published');
        await service.publish('kept');
        await expect(service.publish('dropped', true)).rejects.toThrow('rolled back on purpose');
        await handled;
        await app.get(OutboxRelay).flush();
        await new Promise((r) => setTimeout(r, 300));
        expect(seen.published).toEqual(['kept']);
        expect(seen.afterCommit).toEqual(['kept']);
        expect(seen.immediate).toEqual(['kept', 'dropped']);
        expect(await unsent(app)).toBe(0);
        await expect(app.get(Outbox).publish('articles.published', {})).rejects.toMatchObject({
          code: MessagingErrorCode.OUTBOX_OUTSIDE_TRANSACTION,
        });
        await app.close();
      });

      it('stores an id with every row on an at-most-once transport too (the relay may send a row twice)', async () => {
        const broker = new InMemoryBroker();
        const app = await boot(await target.url(), broker, { atMostOnce: true });
        await app.get(ArticleService).publish('with-id');
        await until(() => seen.published.length === 1);
        const { rows: all } = await sql<{
          message_id: string;
          headers: string;
          body: string;
        }>`select message_id, headers, body from ${sql.table(OUTBOX_TABLE)}`.execute(
          app.get(Database).kysely,
        );
        // The table may hold the rows of the tests before on a shared server database.
        const rows = all.filter((r) => Buffer.from(r.body, 'base64').toString().includes('with-id'));
        expect(rows).toHaveLength(1);
        expect(rows[0]!.message_id).toMatch(/^[0-9a-f-]{36}$/);
        expect(JSON.parse(rows[0]!.headers)).toMatchObject({ 'tenon-message-id': rows[0]!.message_id });
        expect(seen.ids).toEqual([rows[0]!.message_id]);
        await app.close();
      });

      it('sends after a restart what committed while no relay ran (a crash after the commit)', async () => {
        const url = await target.url({ persistent: true });
        const broker = new InMemoryBroker();
        const writer = await boot(url, broker, { relay: false, consume: false });
        for (let i = 0; i < 5; i++) await writer.get(ArticleService).publish(`t${i}`);
        expect(await unsent(writer)).toBe(5);
        await writer.close();
        expect(seen.published).toEqual([]);
        const restarted = await boot(url, broker);
        await until(() => seen.published.length === 5);
        expect(seen.published).toEqual(['t0', 't1', 't2', 't3', 't4']);
        expect(await unsent(restarted)).toBe(0);
        await restarted.close();
      });
    });
  }

  if (process.env.TENON_TEST_POSTGRES_URL) {
    it('lets two relays share the table on PostgreSQL (SKIP LOCKED, LISTEN/NOTIFY) without sending a row twice', async () => {
      const [, postgres] = databaseTargets('outbox_shared');
      const url = await postgres!.url();
      const broker = new InMemoryBroker();
      const consumer = await boot(url, broker, { relay: false });
      const relayB = await boot(url, broker, { consume: false });
      // @Transactional() uses the transaction manager of the application booted last: it writes.
      const relayA = await boot(url, broker, { consume: false });
      try {
        await Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            relayA.get(ArticleService).publish(`a${i}`, i % 10 === 9),
          ).map((p) => p.catch(() => undefined)),
        );
        await until(() => seen.published.length >= 180).catch(async (error: unknown) => {
          throw new Error(
            `${String(error)}: published ${seen.published.length}, unsent ${await unsent(consumer)}`,
          );
        });
        await new Promise((r) => setTimeout(r, 500));
        expect(seen.published).toHaveLength(180);
        expect(new Set(seen.published).size).toBe(180);
        expect(seen.published.some((t) => Number(t.slice(1)) % 10 === 9)).toBe(false);
        expect(relayA.get(OutboxRelay).sent + relayB.get(OutboxRelay).sent).toBe(180);
      } finally {
        for (const app of [relayA, relayB, consumer]) await app.close();
        await postgres!.cleanup();
      }
    });
  }
});
