import 'reflect-metadata';
import { ApplicationContext, Inject, Injectable, Module } from '@tenon/core';
import {
  AUDITOR_PROVIDER,
  Database,
  DatabaseHealthIndicator,
  DataModule,
  Transactional,
  TransactionManager,
  type AuditorProvider,
} from '@tenon/data';
import { TodoRepository } from '../support/fixtures';

/** Finds a coded error in a cause chain (core wraps provider and hook failures). */
function findCode(error: unknown, code: string): (Error & { code: string }) | undefined {
  for (
    let e = error as { code?: string; cause?: unknown; errors?: unknown[] } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (e.code === code) return e as Error & { code: string };
    for (const inner of e.errors ?? []) {
      const found = findCode(inner, code);
      if (found) return found;
    }
  }
  return undefined;
}

class AppConfig {
  readonly databaseUrl = 'pglite://memory';
}

@Injectable()
class FixedAuditor implements AuditorProvider {
  getCurrentAuditor(): string {
    return 'system';
  }
}

@Injectable()
class TodoService {
  constructor(@Inject(TodoRepository) readonly todos: TodoRepository) {}

  @Transactional()
  async createBoth(fail: boolean): Promise<number> {
    await this.todos.save({ title: 'first' });
    await this.todos.save({ title: 'second' });
    if (fail) throw new Error('no');
    return this.todos.count();
  }
}

@Module({
  imports: [DataModule.forFeature([TodoRepository])],
  providers: [TodoService],
  exports: [TodoService],
})
class TodoModule {}

@Module({ providers: [AppConfig], exports: [AppConfig] })
class ConfigLikeModule {}

describe('DataModule', () => {
  it('connects from forRootAsync, creates the schema of the app repositories, injects repositories and closes on shutdown', async () => {
    @Module({
      imports: [
        DataModule.forRootAsync(
          {
            imports: [ConfigLikeModule],
            inject: [AppConfig],
            useFactory: (config: AppConfig) => ({ url: config.databaseUrl, schema: 'create' }),
          },
          { auditor: FixedAuditor },
        ),
        TodoModule,
      ],
    })
    class AppModule {}

    const app = await ApplicationContext.create(AppModule, { logger: false });
    const database = app.get(Database);
    expect(app.get(TransactionManager)).toBe(database.transactions);
    expect(TransactionManager.getDefault()).toBe(database.transactions);
    expect(app.get(AUDITOR_PROVIDER, { strict: false })).toBeInstanceOf(FixedAuditor);

    const service = app.get(TodoService, { strict: false });
    expect(service.todos).toBe(app.get(TodoRepository, { strict: false }));
    await expect(service.createBoth(true)).rejects.toThrow('no');
    expect(await service.todos.count()).toBe(0);
    expect(await service.createBoth(false)).toBe(2);
    expect((await service.todos.findByTitle('first'))[0]!.createdBy).toBe('system');

    expect(await app.get(DatabaseHealthIndicator).check()).toMatchObject({
      status: 'up',
      details: { dialect: 'pglite' },
    });
    await app.close();
    expect(database.closed).toBe(true);
    expect(TransactionManager.getDefault()).toBeUndefined();
  }, 30_000);

  it("@Transactional() methods run on their own application's database when two are booted", async () => {
    @Module({ imports: [DataModule.forRoot({ url: 'pglite://memory', schema: 'create' }), TodoModule] })
    class AppModule {}
    const first = await ApplicationContext.create(AppModule, { logger: false });
    const second = await ApplicationContext.create(AppModule, { logger: false });
    try {
      // The default is the most recent application's manager; the first's service keeps its own.
      expect(TransactionManager.getDefault()).toBe(second.get(Database).transactions);
      const service = first.get(TodoService, { strict: false });
      await expect(service.createBoth(true)).rejects.toThrow('no');
      expect(await service.todos.count()).toBe(0); // rolled back: the writes were in its transaction
      expect(await service.createBoth(false)).toBe(2);
      expect(await second.get(TodoService, { strict: false }).todos.count()).toBe(0);
    } finally {
      await second.close();
      await first.close();
    }
  }, 60_000);

  it('a database that refuses connections fails the boot with a coded error naming host and port', async () => {
    @Module({ imports: [DataModule.forRoot({ url: 'postgres://app@127.0.0.1:1/shop' }), TodoModule] })
    class AppModule {}
    const error = await ApplicationContext.create(AppModule, { logger: false }).catch((e: unknown) => e);
    const refused = findCode(error, 'TENON_DATA_CONNECTION_REFUSED');
    expect(refused?.message).toBe(
      'Could not connect to postgres at 127.0.0.1:1: the connection was refused. Check that the database server is running and listening on 127.0.0.1:1, and that the URL names the right host and port.',
    );
  });
});
