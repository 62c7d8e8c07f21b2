import 'reflect-metadata';
import { Module } from '@tenon/core';
import { Database, DataModule } from '@tenon/data';
import { Body, Controller, Get, HttpCode, Post, type HttpApplication } from '@tenon/http';
import { Test, TestDatabase } from '@tenon/testing';
import { Account, AccountRepository, AccountService } from '../fixtures/accounts';

@Controller('accounts')
class AccountsController {
  constructor(
    private readonly service: AccountService,
    private readonly accounts: AccountRepository,
  ) {}

  @Post()
  @HttpCode(201)
  open(@Body() body: { email: string; balance: number }): Promise<Account> {
    return this.service.open(body.email, body.balance);
  }

  @Get('count')
  async count(): Promise<{ count: number }> {
    return { count: await this.accounts.count() };
  }
}

@Module({
  imports: [DataModule.forFeature([AccountRepository])],
  controllers: [AccountsController],
  providers: [AccountService],
})
class AccountsModule {}

// The application as it runs in production: it would connect to its own database.
@Module({ imports: [DataModule.forRoot({ url: 'pglite://memory', schema: 'create' }), AccountsModule] })
class AppModule {}

const db = TestDatabase.setup({ entities: [Account] });
let app: HttpApplication;

beforeAll(async () => {
  app = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(Database)
    .useValue(db.database)
    .createHttpApplication({ openapi: false });
});

afterAll(() => app.close());

describe('an application on the test database', () => {
  it.each([1, 2, 3])('writes through HTTP and starts empty again in every test (%i)', async (i) => {
    expect((await app.inject({ method: 'GET', url: '/accounts/count' })).json()).toEqual({ count: 0 });
    const res = await app.inject({
      method: 'POST',
      url: '/accounts',
      payload: { email: 'ada@example.test', balance: i },
    });
    expect(res.statusCode).toBe(201);
    // The test reads what the application wrote: one database, one transaction.
    expect(
      await db.database.repository(AccountRepository).findOne({ email: 'ada@example.test' }),
    ).toMatchObject({ balance: i });
  });

  it('uses the test database for every consumer of Database', async () => {
    expect(app.get(Database)).toBe(db.database);
  });

  it('serves a testing module built inside a test, and its close() leaves the test database open', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(Database)
      .useValue(db.database)
      .compile();
    await moduleRef.get(AccountService).open('bob@example.test', 5);
    await moduleRef.close();
    expect(await db.database.repository(AccountRepository).count()).toBe(1);
    // @Transactional() still finds its manager after that application shut down, and so does
    // the application still running.
    await new AccountService(db.database.repository(AccountRepository)).open('cy@example.test', 1);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/accounts',
          payload: { email: 'dee@example.test', balance: 2 },
        })
      ).statusCode,
    ).toBe(201);
    expect(await db.database.repository(AccountRepository).count()).toBe(3);
  });
});
