import {
  tokenName,
  type ApplicationContext,
  type DynamicModule,
  type GetOptions,
  type ModuleContext,
  type RequestScopeOptions,
  type Token,
  type Type,
} from '@tenon/core';
import { ModuleClosedError } from '../errors/module-closed.error';

/**
 * A compiled testing module: the booted part of the application, with overrides applied.
 * Lookups search every module by default (`{ strict: true }` limits them to what the root
 * sees); `close()` runs the shutdown hooks.
 *
 * @example
 * const moduleRef = await Test.createTestingModule({ imports: [UsersModule] })
 *   .overrideProvider(UsersRepository).useValue(fakeUsers)
 *   .compile();
 * const service = moduleRef.get(UsersService);
 * afterAll(() => moduleRef.close());
 */
export class TestingModule implements ModuleContext {
  /** @internal Built by `TestingModuleBuilder.compile()`. */
  constructor(
    private readonly ctx: ApplicationContext,
    private readonly moduleOverrides: ReadonlyMap<object, object>,
  ) {}

  /** The underlying application context, for what the testing module does not wrap. */
  get context(): ApplicationContext {
    return this.ctx;
  }

  /** True once `close()` was called. */
  get isClosed(): boolean {
    return this.ctx.isClosed;
  }

  /**
   * The singleton for `token` (overridden when an override names it).
   *
   * @example
   * const users = moduleRef.get(UsersService);
   */
  get<T>(token: Token<T>, options?: GetOptions): T {
    this.assertOpen(`get ${tokenName(token)}`);
    return this.ctx.get(token, options);
  }

  /**
   * Like `get`, and also builds transient providers and request-scoped ones (inside
   * `runInRequestScope`, the current request's instance; outside, an instance of its own).
   *
   * @example
   * const a = await moduleRef.resolve(RequestLogger);
   */
  async resolve<T>(token: Token<T>, options?: GetOptions): Promise<T> {
    this.assertOpen(`resolve ${tokenName(token)}`);
    return this.ctx.resolve(token, options);
  }

  /**
   * Lookups as seen from one module of the tree. A module replaced by `overrideModule()` may be
   * selected by the original or by the replacement.
   *
   * @example
   * const orders = moduleRef.select(OrdersModule).get(OrdersService, { strict: true });
   */
  select(module: Type | DynamicModule): ModuleContext {
    this.assertOpen(`select ${tokenName(module)}`);
    const selected = this.ctx.select(this.moduleOverrides.get(module) ?? module);
    return {
      get: <T>(token: Token<T>, options?: GetOptions): T => {
        this.assertOpen(`get ${tokenName(token)}`);
        return selected.get(token, options);
      },
      resolve: async <T>(token: Token<T>, options?: GetOptions): Promise<T> => {
        this.assertOpen(`resolve ${tokenName(token)}`);
        return selected.resolve(token, options);
      },
    };
  }

  /**
   * Runs `fn` in a request scope, as the HTTP layer does for each request.
   *
   * @example
   * await moduleRef.runInRequestScope(async () => (await moduleRef.resolve(CurrentUser)).id);
   */
  runInRequestScope<R>(fn: () => R, options?: RequestScopeOptions): R {
    this.assertOpen('run in request scope');
    return this.ctx.runInRequestScope(fn, options);
  }

  /**
   * Runs the shutdown hooks (`beforeApplicationShutdown`, `onModuleDestroy`,
   * `onApplicationShutdown`) in reverse dependency order. Calling it again does nothing.
   *
   * @example
   * afterAll(() => moduleRef.close());
   */
  close(signal?: string): Promise<void> {
    return this.ctx.close(signal);
  }

  private assertOpen(operation: string): void {
    if (this.ctx.isClosed) throw new ModuleClosedError(operation);
  }
}
