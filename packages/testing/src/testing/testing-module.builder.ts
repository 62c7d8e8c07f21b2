import {
  ApplicationContext,
  tokenName,
  type ApplicationContextOptions,
  type BootExtension,
  type DynamicModule,
  type ModuleMetadata,
  type ProviderOverride,
  type Token,
  type Type,
} from '@tenon/core';
import type { HttpApplication, HttpApplicationOptions } from '@tenon/http';
import { AlreadyCompiledError } from '../errors/already-compiled.error';
import { InvalidOverrideError } from '../errors/invalid-override.error';
import { OverrideIncompleteError } from '../errors/override-incomplete.error';
import { overrideMethod, type OverrideKind } from '../errors/override-kind';
import { createMock } from '../mock/create-mock';
import { planBoot, type BootPlan } from './boot-plan';
import { httpWhenControllers, loadHttp } from './http-peer';
import { moduleClassOf } from './module-class';
import { overrideBy, type OverrideBy } from './override-by';
import { TestingModule } from './testing-module';

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
   * When the tree has controllers, the guard, interceptor, pipe and filter classes their
   * decorators name are providers too (as in the application), so they can be overridden and
   * `createHttpApplication()` can serve the result.
   *
   * @example
   * const moduleRef = await Test.createTestingModule({ providers: [UsersService, UsersRepository] }).compile();
   */
  async compile(): Promise<TestingModule> {
    return this.boot('compile()', httpWhenControllers(), {});
  }

  /**
   * Boots the tree and serves it over HTTP (with `@tenon/http`, an optional peer): what
   * `compile()` then `TestingModule.createHttpApplication(options)` do, with the global
   * enhancer classes of `options` registered in the root module (so they get injection and can
   * be overridden). Fastify's logger is off unless `options.logger` (or the builder's `logger`)
   * says otherwise. The application's `close()` runs the shutdown hooks.
   *
   * @example
   * const app = await Test.createTestingModule({ imports: [AppModule] })
   *   .overrideGuard(AuthGuard).useValue({ canActivate: () => true })
   *   .createHttpApplication({ globalPrefix: 'api' });
   * const res = await app.inject({ method: 'POST', url: '/api/todos', payload: { title: 'x' } });
   * await app.close();
   */
  async createHttpApplication(options: HttpApplicationOptions = {}): Promise<HttpApplication> {
    const http = loadHttp('createHttpApplication()');
    const context = options.context ?? {};
    const logger = context.logger ?? this.options.logger ?? options.logger ?? false;
    const moduleRef = await this.boot(
      'createHttpApplication()',
      http.HttpApplication.bootExtension(options),
      {
        ...context,
        // core checks a level string at boot and names the option when it is wrong
        logger: logger as ApplicationContextOptions['logger'],
      },
    );
    try {
      return await moduleRef.createHttpApplication(options);
    } catch (error) {
      await moduleRef.close();
      throw error;
    }
  }

  // The HTTP extension runs first, so that the override check (last) sees the enhancer classes
  // it registers; the caller's extensions run between them, in their order.
  private async boot(
    operation: string,
    http: BootExtension,
    context: ApplicationContextOptions,
  ): Promise<TestingModule> {
    const plan = this.plan(operation);
    const ctx = await ApplicationContext.create(plan.root, {
      ...this.options,
      ...context,
      ...plan.context,
      extensions: [http, ...(this.options.extensions ?? []), ...(context.extensions ?? []), plan.check],
    });
    return new TestingModule(ctx, this.moduleOverrides);
  }

  // One builder, one boot: compile() and createHttpApplication() share this.
  private plan(operation: string): BootPlan {
    this.assertNotCompiled(operation);
    this.compiled = true;
    const incomplete = this.incomplete.values().next().value;
    if (incomplete) throw new OverrideIncompleteError(incomplete.call, incomplete.uses);
    return planBoot({
      metadata: this.metadata,
      overrides: this.overrides,
      kinds: this.kinds,
      moduleOverrides: this.moduleOverrides,
      mocker: this.mocker,
    });
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
