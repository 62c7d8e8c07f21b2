import 'reflect-metadata';
import {
  Inject,
  Injectable,
  InjectionToken,
  Module,
  Scope,
  TenonError,
  type OnApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@tenon/core';
import { ModuleClosedError, Test, TestingErrorCode, TestingModule, createMock } from '@tenon/testing';

const events: string[] = [];

@Injectable()
class Database implements OnModuleInit, OnModuleDestroy, OnApplicationShutdown {
  onModuleInit(): void {
    events.push('db init');
  }
  onModuleDestroy(): void {
    events.push('db destroy');
  }
  onApplicationShutdown(signal?: string): void {
    events.push(`db shutdown ${signal ?? '-'}`);
  }
}

@Injectable()
class UsersService implements OnModuleDestroy {
  constructor(readonly db: Database) {}
  onModuleDestroy(): void {
    events.push('users destroy');
  }
}

@Module({ providers: [Database], exports: [Database] })
class DatabaseModule {}

@Module({ imports: [DatabaseModule], providers: [UsersService], exports: [UsersService] })
class UsersModule {}

beforeEach(() => {
  events.length = 0;
});

describe('Test.createTestingModule().compile()', () => {
  it('boots imports, root providers and controllers, and runs init hooks', async () => {
    @Injectable()
    class Clock {}
    @Injectable()
    class UsersController {
      constructor(
        readonly users: UsersService,
        readonly clock: Clock,
      ) {}
    }
    const moduleRef = await Test.createTestingModule({
      imports: [UsersModule],
      providers: [Clock],
      controllers: [UsersController],
    }).compile();
    expect(moduleRef).toBeInstanceOf(TestingModule);
    expect(moduleRef.get(UsersController).users).toBe(moduleRef.get(UsersService));
    expect(moduleRef.get(UsersController).clock).toBeInstanceOf(Clock);
    expect(events).toEqual(['db init']);
    await moduleRef.close();
  });

  it('runs shutdown hooks in reverse dependency order on close(), once', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [UsersModule] }).compile();
    events.length = 0;
    await moduleRef.close('SIGTERM');
    await moduleRef.close();
    expect(events).toEqual(['users destroy', 'db destroy', 'db shutdown SIGTERM']);
    expect(moduleRef.isClosed).toBe(true);
  });

  it('get() searches every module unless strict, as seen from the root', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [UsersModule] }).compile();
    expect(moduleRef.get(Database)).toBeInstanceOf(Database);
    let error: unknown;
    try {
      moduleRef.get(Database, { strict: true });
    } catch (e) {
      error = e;
    }
    expect((error as TenonError).code).toBe('TENON_CORE_PROVIDER_NOT_FOUND');
    expect(moduleRef.select(UsersModule).get(Database, { strict: true })).toBe(moduleRef.get(Database));
    await moduleRef.close();
  });

  it('resolve() builds transient providers and one instance per request scope', async () => {
    @Injectable({ scope: Scope.TRANSIENT })
    class Stamp {}
    @Injectable({ scope: Scope.REQUEST })
    class RequestState {}
    const moduleRef = await Test.createTestingModule({ providers: [Stamp, RequestState] }).compile();
    const [a, b] = [await moduleRef.resolve(Stamp), await moduleRef.resolve(Stamp)];
    expect(a).toBeInstanceOf(Stamp);
    expect(a).not.toBe(b);
    const [x, y] = await moduleRef.runInRequestScope(async () => [
      await moduleRef.resolve(RequestState),
      await moduleRef.resolve(RequestState),
    ]);
    const z = await moduleRef.runInRequestScope(() => moduleRef.resolve(RequestState));
    expect(x).toBe(y);
    expect(z).not.toBe(x);
    await moduleRef.close();
  });

  it('a useClass override takes the scope its class declares, a useValue override is one value', async () => {
    @Injectable({ scope: Scope.REQUEST })
    class RequestState {
      readonly real: boolean = true;
    }
    @Injectable({ scope: Scope.REQUEST })
    class FakeRequestState {
      readonly real: boolean = false;
    }
    const scoped = await Test.createTestingModule({ providers: [RequestState] })
      .overrideProvider(RequestState)
      .useClass(FakeRequestState)
      .compile();
    const [x, y] = await scoped.runInRequestScope(async () => [
      await scoped.resolve(RequestState),
      await scoped.resolve(RequestState),
    ]);
    const z = await scoped.runInRequestScope(() => scoped.resolve(RequestState));
    expect(x).toBeInstanceOf(FakeRequestState);
    expect(x).toBe(y);
    expect(z).not.toBe(x);
    await scoped.close();

    const value = { real: false };
    const single = await Test.createTestingModule({ providers: [RequestState] })
      .overrideProvider(RequestState)
      .useValue(value)
      .compile();
    expect(single.get(RequestState)).toBe(value);
    expect(await single.runInRequestScope(() => single.resolve(RequestState))).toBe(value);
    await single.close();
  });

  it('passes options through to the application context (hookTimeout)', async () => {
    @Injectable()
    class Slow implements OnModuleInit {
      onModuleInit(): Promise<void> {
        return new Promise(() => {});
      }
    }
    let error: unknown;
    try {
      await Test.createTestingModule({ providers: [Slow] }, { hookTimeout: 20 }).compile();
    } catch (e) {
      error = e;
    }
    expect((error as TenonError).code).toBe('TENON_CORE_LIFECYCLE_HOOK_TIMEOUT');
  });

  it('exposes the application context', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [UsersModule] }).compile();
    expect(moduleRef.context.get(UsersService)).toBe(moduleRef.get(UsersService));
    await moduleRef.close();
  });
});

describe('a testing module used after close()', () => {
  const message = (operation: string): string =>
    `Cannot ${operation}: this TestingModule was closed, and its instances have run their shutdown hooks.\n` +
    '  Fix: close the module in afterAll (not afterEach) when tests share it, or compile a new one in beforeEach.';

  it.each([
    ['get', (m: TestingModule) => m.get(UsersService), 'get UsersService'],
    ['resolve', (m: TestingModule) => m.resolve(UsersService), 'resolve UsersService'],
    ['select', (m: TestingModule) => m.select(UsersModule), 'select UsersModule'],
    ['runInRequestScope', (m: TestingModule) => m.runInRequestScope(() => 1), 'run in request scope'],
  ])('throws a coded error from %s()', async (_name, use, operation) => {
    const moduleRef = await Test.createTestingModule({ imports: [UsersModule] }).compile();
    await moduleRef.close();
    let error: unknown;
    try {
      await use(moduleRef);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModuleClosedError);
    expect((error as TenonError).code).toBe('TENON_TESTING_MODULE_CLOSED');
    expect((error as TenonError).message).toBe(message(operation));
  });

  it('throws it from a module context selected before close()', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [UsersModule] }).compile();
    const users = moduleRef.select(UsersModule);
    await moduleRef.close();
    expect(() => users.get(Database)).toThrow(message('get Database'));
    await expect(users.resolve(Database)).rejects.toMatchObject({
      code: TestingErrorCode.MODULE_CLOSED,
      message: message('resolve Database'),
    });
  });
});

describe('useMocker()', () => {
  const PAYMENTS = new InjectionToken<{ charge(cents: number): Promise<string> }>('PAYMENTS');
  interface Payments {
    charge(cents: number): Promise<string>;
  }
  @Injectable()
  class Mailer {
    send(): string {
      return 'real';
    }
  }
  @Injectable()
  class Checkout {
    constructor(
      readonly mailer: Mailer,
      @Inject(PAYMENTS) readonly payments: Payments,
    ) {}
  }

  it('builds every dependency that nothing provides, once per token', async () => {
    const factory = jest.fn((_token: unknown) => createMock());
    @Injectable()
    class Refunds {
      constructor(readonly mailer: Mailer) {}
    }
    const moduleRef = await Test.createTestingModule({ providers: [Checkout, Refunds] })
      .useMocker(factory)
      .compile();
    expect(factory.mock.calls.map(([token]) => token)).toEqual(expect.arrayContaining([Mailer, PAYMENTS]));
    expect(factory).toHaveBeenCalledTimes(2);
    const checkout = moduleRef.get(Checkout);
    expect(checkout.mailer).toBe(moduleRef.get(Refunds).mailer);
    // The test reaches the mock a consumer received by its token.
    expect(moduleRef.get(Mailer)).toBe(checkout.mailer);
    expect(moduleRef.get(PAYMENTS)).toBe(checkout.payments);
    (checkout.payments.charge as jest.Mock).mockResolvedValue('ok');
    await expect(checkout.payments.charge(100)).resolves.toBe('ok');
    expect(checkout.payments.charge).toHaveBeenCalledWith(100);
    await moduleRef.close();
  });

  it('names the mocks after their tokens, for readable failure messages', async () => {
    const moduleRef = await Test.createTestingModule({ providers: [Checkout] })
      .useMocker(createMock)
      .compile();
    const checkout = moduleRef.get(Checkout);
    expect((checkout.payments.charge as jest.Mock).getMockName()).toBe('InjectionToken(PAYMENTS).charge');
    expect((checkout.mailer.send as jest.Mock).getMockName()).toBe('Mailer.send');
    await moduleRef.close();
  });

  it('does not replace what the tree provides, and takes any value', async () => {
    const moduleRef = await Test.createTestingModule({ providers: [Checkout, Mailer] })
      .useMocker((token) => (token === PAYMENTS ? { charge: async () => 'stub' } : undefined))
      .compile();
    expect(moduleRef.get(Checkout).mailer.send()).toBe('real');
    await expect(moduleRef.get(Checkout).payments.charge(1)).resolves.toBe('stub');
    await moduleRef.close();
  });

  it('without it, a missing dependency fails the boot as usual', async () => {
    let error: unknown;
    try {
      await Test.createTestingModule({ providers: [Checkout] }).compile();
    } catch (e) {
      error = e;
    }
    expect((error as TenonError).code).toMatch(/^TENON_CORE_/);
  });
});
