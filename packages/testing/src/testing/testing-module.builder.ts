import {
  ApplicationContext,
  Module,
  tokenName,
  type ApplicationContextOptions,
  type DynamicModule,
  type ModuleMetadata,
  type ProviderOverride,
  type Token,
  type Type,
} from '@tenon/core';
import { AlreadyCompiledError } from '../errors/already-compiled.error';
import { InvalidOverrideError } from '../errors/invalid-override.error';
import { ModuleNotImportedError } from '../errors/module-not-imported.error';
import { OverrideIncompleteError } from '../errors/override-incomplete.error';
import { overrideMethod, type OverrideKind } from '../errors/override-kind';
import { createMock, nameAutoMock } from '../mock/create-mock';
import { nearestNames } from '../util/nearest-names';
import { moduleClassOf, planModuleOverrides } from './module-tree';
import { overrideBy, type OverrideBy } from './override-by';
import { overrideCheck, TrackedOverrides } from './override-tracker';
import { TestingModule } from './testing-module';

/** The module a testing module's metadata is attached to, as a dynamic module. */
@Module({})
export class RootTestModule {}

/** What `Test.createTestingModule()` accepts: the metadata of a module, without `global`. */
export type TestingModuleMetadata = Omit<ModuleMetadata, 'global'>;

/** Boot options passed through to `ApplicationContext.create()`. */
export type TestingModuleOptions = Omit<
  ApplicationContextOptions,
  'overrides' | 'moduleOverrides' | 'mocker'
>;

/** Builds a value for a dependency that nothing in the tree provides. */
export type MockFactory = (token: Token) => unknown;

/** The second half of `overrideModule()`. */
export interface OverrideModuleBy<B> {
  /** Imports `replacement` wherever the overridden module is imported or re-exported. */
  useModule(replacement: Type | DynamicModule): B;
}

interface Incomplete {
  call: string;
  uses: string;
}

/**
 * Collects what to build and what to replace, then boots it with `compile()`. Made by
 * `Test.createTestingModule()`; one builder compiles once.
 *
 * @example
 * const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
 *   .overrideProvider(Mailer).useValue({ send: jest.fn() })
 *   .overrideGuard(AuthGuard).useValue({ canActivate: () => true })
 *   .overrideModule(DataModule).useModule(FakeDataModule)
 *   .useMocker(createMock)
 *   .compile();
 */
export class TestingModuleBuilder {
  private readonly overrides = new Map<unknown, ProviderOverride>();
  private readonly kinds = new Map<unknown, OverrideKind>();
  private readonly moduleOverrides = new Map<object, object>();
  private readonly incomplete = new Set<Incomplete>();
  private mocker?: MockFactory;
  private compiled = false;

  /** @internal Use `Test.createTestingModule()`. */
  constructor(
    private readonly metadata: TestingModuleMetadata,
    private readonly options: TestingModuleOptions = {},
  ) {}

  /**
   * Replaces the provider of `token` wherever it is declared: in any imported module, global
   * modules, dynamic modules, and among providers added by boot extensions.
   *
   * @example
   * builder.overrideProvider(UsersRepository).useValue({ findById: async () => alice })
   */
  overrideProvider<T>(token: Token<T>): OverrideBy<T, this> {
    return this.override('provider', token);
  }

  /**
   * Replaces a guard class named in `@UseGuards()` (or provided globally).
   *
   * @example
   * builder.overrideGuard(AuthGuard).useValue({ canActivate: () => true })
   */
  overrideGuard<T>(guard: Token<T>): OverrideBy<T, this> {
    return this.override('guard', guard);
  }

  /**
   * Replaces an interceptor class named in `@UseInterceptors()` (or provided globally).
   *
   * @example
   * builder.overrideInterceptor(CacheInterceptor).useClass(NoCacheInterceptor)
   */
  overrideInterceptor<T>(interceptor: Token<T>): OverrideBy<T, this> {
    return this.override('interceptor', interceptor);
  }

  /**
   * Replaces a pipe class named in `@UsePipes()` or a parameter decorator.
   *
   * @example
   * builder.overridePipe(ParseUserPipe).useValue({ transform: () => alice })
   */
  overridePipe<T>(pipe: Token<T>): OverrideBy<T, this> {
    return this.override('pipe', pipe);
  }

  /**
   * Replaces an exception filter class named in `@UseFilters()` (or provided globally).
   *
   * @example
   * builder.overrideFilter(SentryFilter).useClass(RethrowFilter)
   */
  overrideFilter<T>(filter: Token<T>): OverrideBy<T, this> {
    return this.override('filter', filter);
  }

  /**
   * Replaces a module wherever it is imported or re-exported. A module class also matches every
   * dynamic module built from it (`forRoot()`, `forRootAsync()`, `forFeature()`); a
   * dynamic-module object matches only itself.
   *
   * @example
   * builder.overrideModule(MailModule).useModule(FakeMailModule)
   */
  overrideModule(module: Type | DynamicModule): OverrideModuleBy<this> {
    const call = `overrideModule(${tokenName(module)})`;
    this.assertNotCompiled(call);
    if (!moduleClassOf(module)) {
      throw new InvalidOverrideError(
        'overrideModule()',
        'a module (a class decorated with @Module() or a dynamic module)',
        tokenName(module),
        'pass the module class or the dynamic-module object the tree imports.',
      );
    }
    const pending: Incomplete = { call, uses: '.useModule()' };
    this.incomplete.add(pending);
    return {
      useModule: (replacement) => {
        this.assertNotCompiled(`${call}.useModule()`);
        if (!moduleClassOf(replacement)) {
          throw new InvalidOverrideError(
            `${call}.useModule()`,
            'a module (a class decorated with @Module() or a dynamic module)',
            tokenName(replacement),
            'decorate the replacement with @Module({ providers, exports }).',
          );
        }
        this.incomplete.delete(pending);
        this.moduleOverrides.set(module, replacement);
        return this;
      },
    };
  }

  /**
   * Builds every dependency that nothing in the tree provides with `factory`, instead of failing
   * the boot. Each missing token is built once and shared.
   *
   * @example
   * builder.useMocker(createMock)
   * builder.useMocker((token) => (token === Clock ? new FixedClock() : createMock()))
   */
  useMocker(factory: MockFactory): this;
  useMocker(factory: typeof createMock): this;
  useMocker(factory: MockFactory | typeof createMock): this {
    this.assertNotCompiled('useMocker()');
    if (typeof factory !== 'function') {
      throw new InvalidOverrideError(
        'useMocker()',
        'a function (token) => value',
        String(factory),
        'write useMocker(createMock) or useMocker((token) => fake).',
      );
    }
    // createMock's first parameter is a partial, not a token: called for a token, it gets none.
    this.mocker = factory === createMock ? () => createMock() : (factory as MockFactory);
    return this;
  }

  /**
   * Boots the module tree with the overrides applied; every override must match something.
   *
   * @example
   * const moduleRef = await Test.createTestingModule({ providers: [UsersService, UsersRepository] }).compile();
   */
  async compile(): Promise<TestingModule> {
    return this.boot('compile()');
  }

  // Shared by compile() and the HTTP variant: one builder, one boot.
  private async boot(operation: string, extraOptions: TestingModuleOptions = {}): Promise<TestingModule> {
    this.assertNotCompiled(operation);
    this.compiled = true;
    const incomplete = this.incomplete.values().next().value;
    if (incomplete) throw new OverrideIncompleteError(incomplete.call, incomplete.uses);

    const root: DynamicModule = { module: RootTestModule, ...this.metadata };
    const plan = planModuleOverrides(root, this.moduleOverrides);
    if (plan.unmatched.length) {
      const key = plan.unmatched[0]!;
      const imported = plan.moduleNames.filter((n) => n !== RootTestModule.name).map((name) => ({ name }));
      throw new ModuleNotImportedError(tokenName(key), nearestNames(moduleName(key), imported), imported);
    }
    const overrides = new TrackedOverrides(this.overrides);
    const extensions = [...(this.options.extensions ?? []), ...(extraOptions.extensions ?? [])];
    const context = await ApplicationContext.create(root, {
      ...this.options,
      ...extraOptions,
      extensions: [...extensions, overrideCheck(overrides, this.kinds)],
      overrides,
      moduleOverrides: plan.map,
      mocker: this.mocker && namedMocks(this.mocker),
    });
    return new TestingModule(context, plan.map);
  }

  private override<T>(kind: OverrideKind, token: Token<T>): OverrideBy<T, this> {
    const call = `${overrideMethod(kind)}(${tokenName(token)})`;
    this.assertNotCompiled(call);
    if (token === undefined || token === null) {
      throw new InvalidOverrideError(
        `${overrideMethod(kind)}()`,
        'a token',
        tokenName(token),
        'check for a circular import that leaves the class undefined when this line runs.',
      );
    }
    const pending: Incomplete = { call, uses: '.useValue(), .useClass(), .useFactory() or .useExisting()' };
    this.incomplete.add(pending);
    return overrideBy<T, this>(call, (override) => {
      this.assertNotCompiled(call);
      this.incomplete.delete(pending);
      this.overrides.set(token, override);
      this.kinds.set(token, kind);
      return this;
    });
  }

  private assertNotCompiled(operation: string): void {
    if (this.compiled) throw new AlreadyCompiledError(operation);
  }
}

// Mocks made by createMock() get the token's name, so a failure says `Mailer.send`, not `mock.send`.
function namedMocks(factory: MockFactory): MockFactory {
  return (token) => {
    const value = factory(token);
    nameAutoMock(value, tokenName(token));
    return value;
  };
}

function moduleName(ref: object): string {
  return moduleClassOf(ref)?.name ?? tokenName(ref);
}
