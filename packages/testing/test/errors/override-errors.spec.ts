import 'reflect-metadata';
import { Injectable, InjectionToken, Module, TenonError, type Type } from '@tenon/core';
import {
  AlreadyCompiledError,
  InvalidOverrideError,
  ModuleNotImportedError,
  OverrideIncompleteError,
  OverrideNotProvidedError,
  Test,
  TestingErrorCode,
} from '@tenon/testing';

@Injectable()
class UsersRepository {}
@Injectable()
class UsersService {
  constructor(readonly repo: UsersRepository) {}
}
const PAGE_SIZE = new InjectionToken<number>('PAGE_SIZE');
@Module({
  providers: [UsersRepository, UsersService, { provide: PAGE_SIZE, useValue: 20 }],
  exports: [UsersService],
})
class UsersModule {}
@Injectable()
class Mailer {}
@Module({ providers: [Mailer], exports: [Mailer] })
class MailModule {}
@Module({ imports: [UsersModule, MailModule] })
class AppModule {}

async function failure(run: () => Promise<unknown>): Promise<TenonError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof TenonError) return error;
    throw error;
  }
  throw new Error('expected a TenonError');
}

const FIX =
  '  Fix: override a token that a module of the tree provides (check where the class you passed is imported from), or, to supply a dependency that nothing provides, add it to the providers of Test.createTestingModule() instead.';

describe('an override of a token that nothing provides', () => {
  it('fails the boot before any provider is built and lists the nearest provided names', async () => {
    @Injectable()
    class UserService {}
    const built = jest.fn();
    @Injectable()
    class Probe {
      constructor() {
        built();
      }
    }
    const error = await failure(() =>
      Test.createTestingModule({ imports: [AppModule], providers: [Probe] })
        .overrideProvider(UserService)
        .useValue({})
        .compile(),
    );
    expect(error).toBeInstanceOf(OverrideNotProvidedError);
    expect(error.code).toBe('TENON_TESTING_OVERRIDE_NOT_PROVIDED');
    expect(error.message).toBe(
      'Cannot override provider UserService: nothing in the testing module provides it.\n' +
        '  Nearest provided names: UsersService (in UsersModule), DiscoveryService (global).\n' +
        FIX,
    );
    expect(built).not.toHaveBeenCalled();
  });

  it('says when another class with the same name is provided (a second import path or package copy)', async () => {
    const error = await failure(() => {
      // Same name, different class: what a duplicated package or a stale copy looks like.
      @Injectable()
      class UsersService {}
      return Test.createTestingModule({ imports: [AppModule] })
        .overrideProvider(UsersService)
        .useValue({})
        .compile();
    });
    expect(error.code).toBe(TestingErrorCode.OVERRIDE_NOT_PROVIDED);
    expect(error.message).toBe(
      'Cannot override provider UsersService: nothing in the testing module provides it.\n' +
        '  UsersModule provides another token also named UsersService: the one you passed is a different class (imported from another file, or from a second copy of the package).\n' +
        FIX,
    );
  });

  it('lists every unmatched override at once, named by kind, including string and symbol tokens', async () => {
    @Injectable()
    class AuthGard {}
    const error = await failure(() =>
      Test.createTestingModule({ imports: [AppModule] })
        .overrideGuard(AuthGard)
        .useValue({})
        .overrideProvider('PAGE_SIZ')
        .useValue(1)
        .overrideInterceptor(Symbol('Mailr'))
        .useValue({})
        .overrideProvider(PAGE_SIZE)
        .useValue(5)
        .compile(),
    );
    expect(error).toBeInstanceOf(OverrideNotProvidedError);
    expect((error as OverrideNotProvidedError).unmatched.map((u) => u.name)).toEqual([
      'AuthGard',
      "'PAGE_SIZ'",
      'Symbol(Mailr)',
    ]);
    expect(error.message).toBe(
      'Cannot apply 3 overrides: nothing in the testing module provides their tokens.\n' +
        '  - guard AuthGard: no provided name is near it.\n' +
        "  - provider 'PAGE_SIZ': nearest provided names: InjectionToken(PAGE_SIZE) (in UsersModule).\n" +
        '  - interceptor Symbol(Mailr): nearest provided names: Mailer (in MailModule).\n' +
        '  The tree provides UsersRepository (in UsersModule), UsersService (in UsersModule), InjectionToken(PAGE_SIZE) (in UsersModule), Mailer (in MailModule), ApplicationContext (global), DiscoveryService (global) and 1 more.\n' +
        FIX,
    );
  });
});

describe('an override of a module that nothing imports', () => {
  it('lists the nearest imported modules', async () => {
    @Module({})
    class MailsModule {}
    @Module({})
    class FakeMail {}
    const error = await failure(() =>
      Test.createTestingModule({ imports: [AppModule] })
        .overrideModule(MailsModule)
        .useModule(FakeMail)
        .compile(),
    );
    expect(error).toBeInstanceOf(ModuleNotImportedError);
    expect(error.code).toBe('TENON_TESTING_MODULE_NOT_IMPORTED');
    expect(error.message).toBe(
      "Cannot override module MailsModule: no module of the testing module's tree imports it.\n" +
        '  Nearest imported modules: MailModule, AppModule, UsersModule.\n' +
        '  Fix: pass the module class or the exact dynamic-module object that the tree imports; a module class also matches every dynamic module built from it (forRoot(), forRootAsync(), forFeature()).',
    );
  });
});

describe('an override that was started and never completed', () => {
  it('fails compile() for a provider override without use…()', async () => {
    const builder = Test.createTestingModule({ imports: [AppModule] });
    builder.overrideProvider(UsersRepository);
    const error = await failure(() => builder.compile());
    expect(error).toBeInstanceOf(OverrideIncompleteError);
    expect(error.code).toBe('TENON_TESTING_OVERRIDE_INCOMPLETE');
    expect(error.message).toBe(
      'overrideProvider(UsersRepository) was never completed: nothing replaces it.\n' +
        '  Fix: call .useValue(), .useClass(), .useFactory() or .useExisting() on what overrideProvider(UsersRepository) returns, e.g. overrideProvider(UsersRepository).useValue().',
    );
  });

  it('fails compile() for a module override without useModule()', async () => {
    const builder = Test.createTestingModule({ imports: [AppModule] });
    builder.overrideModule(MailModule);
    const error = await failure(() => builder.compile());
    expect(error.code).toBe(TestingErrorCode.OVERRIDE_INCOMPLETE);
    expect(error.message).toBe(
      'overrideModule(MailModule) was never completed: nothing replaces it.\n' +
        '  Fix: call .useModule() on what overrideModule(MailModule) returns, e.g. overrideModule(MailModule).useModule().',
    );
  });
});

describe('an override given something it cannot use', () => {
  const builder = (): ReturnType<typeof Test.createTestingModule> =>
    Test.createTestingModule({ imports: [AppModule] });
  const cases: Array<[string, () => unknown, string]> = [
    [
      'useClass() with an arrow function',
      () =>
        builder()
          .overrideProvider(Mailer)
          .useClass((() => ({})) as unknown as Type<Mailer>),
      'overrideProvider(Mailer).useClass() needs a class, got the function <anonymous> (not a class).\n  Fix: pass a class, or use useValue() for an object or an arrow function.',
    ],
    [
      'useFactory() without a factory',
      () =>
        builder()
          .overrideProvider(Mailer)
          .useFactory({} as never),
      'overrideProvider(Mailer).useFactory() needs { factory, inject? } with a factory function, got factory: undefined.\n  Fix: write overrideProvider(Mailer).useFactory({ factory: (dep) => fake, inject: [Dep] }).',
    ],
    [
      'useExisting() with undefined',
      () =>
        builder()
          .overrideProvider(Mailer)
          .useExisting(undefined as never),
      'overrideProvider(Mailer).useExisting() needs a token, got undefined.\n  Fix: check for a circular import that leaves the class undefined when this line runs.',
    ],
    [
      'overrideProvider(undefined)',
      () => builder().overrideProvider(undefined as never),
      'overrideProvider() needs a token, got undefined.\n  Fix: check for a circular import that leaves the class undefined when this line runs.',
    ],
    [
      'overrideModule() with a class that is not a module',
      () => builder().overrideModule(Mailer),
      'overrideModule() needs a module (a class decorated with @Module() or a dynamic module), got Mailer.\n  Fix: pass the module class or the dynamic-module object the tree imports.',
    ],
    [
      'useModule() with a class that is not a module',
      () => builder().overrideModule(MailModule).useModule(Mailer),
      'overrideModule(MailModule).useModule() needs a module (a class decorated with @Module() or a dynamic module), got Mailer.\n  Fix: decorate the replacement with @Module({ providers, exports }).',
    ],
    [
      'useMocker() with a value',
      () => builder().useMocker({} as never),
      'useMocker() needs a function (token) => value, got [object Object].\n  Fix: write useMocker(createMock) or useMocker((token) => fake).',
    ],
  ];
  it.each(cases)('throws at once for %s', (_name, run, message) => {
    let error: unknown;
    try {
      run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidOverrideError);
    expect((error as TenonError).code).toBe('TENON_TESTING_INVALID_OVERRIDE');
    expect((error as TenonError).message).toBe(message);
  });
});

describe('a builder used after compile()', () => {
  const message = (operation: string): string =>
    `Cannot ${operation}: this TestingModuleBuilder was already compiled, and a builder builds one testing module.\n` +
    '  Fix: keep the TestingModule the first compile() returned, or call Test.createTestingModule() again (e.g. in beforeEach) for a fresh one.';

  it('refuses to compile twice', async () => {
    const builder = Test.createTestingModule({ imports: [AppModule] });
    const moduleRef = await builder.compile();
    const error = await failure(() => builder.compile());
    expect(error).toBeInstanceOf(AlreadyCompiledError);
    expect(error.code).toBe('TENON_TESTING_ALREADY_COMPILED');
    expect(error.message).toBe(message('compile()'));
    await moduleRef.close();
  });

  it('refuses to compile twice even when the first compile failed', async () => {
    const builder = Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider('nothing')
      .useValue(1);
    expect((await failure(() => builder.compile())).code).toBe(TestingErrorCode.OVERRIDE_NOT_PROVIDED);
    expect((await failure(() => builder.compile())).message).toBe(message('compile()'));
  });

  it('refuses new overrides, including completing one started before', async () => {
    const builder = Test.createTestingModule({ imports: [AppModule] });
    const pending = builder.overrideProvider(Mailer);
    builder.overrideModule(MailModule).useModule(MailModule);
    // The incomplete override makes this compile fail, and the builder is spent either way.
    await failure(() => builder.compile());
    expect(() => builder.overrideProvider(Mailer)).toThrow(message('overrideProvider(Mailer)'));
    expect(() => pending.useValue({})).toThrow(message('overrideProvider(Mailer)'));
    expect(() => builder.overrideGuard(Mailer)).toThrow(message('overrideGuard(Mailer)'));
    expect(() => builder.overrideModule(MailModule)).toThrow(message('overrideModule(MailModule)'));
    expect(() => builder.useMocker(() => 1)).toThrow(message('useMocker()'));
  });
});
