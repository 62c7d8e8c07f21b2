import type { Token } from '../metadata/token';
import { codeCache } from '../loading/code-cache';
import { tokenName } from '../metadata/token';
import type { ModuleImport } from '../module/module-metadata';
import type { TenonError } from '../errors/tenon.error';
import { ContextClosedError } from '../errors/context-closed.error';
import { ModuleNotFoundError } from '../errors/module-not-found.error';
import { Container, type PhaseTimings } from '../injector/container';
import type { ModuleRecord } from '../injector/module-record';
import { LifecycleRunner } from '../lifecycle/lifecycle-runner';
import { DiscoveryService } from '../discovery/discovery.service';
import type { DiscoveredClass, DiscoveredModule } from '../discovery/discovered-class';
import { runInRequestContext, type RequestScopeOptions } from '../request/request-context';
import type { ApplicationContextOptions } from './application-context-options';
import { Logger, withLazyRoot } from '../logger/logger';
import { prepareRootLogger } from '../logger/root-logger.factory';
import { setDefaultRootLogger } from '../logger/default-root-logger';
import { INQUIRER } from '../injector/inquirer';
import { Scope } from '../module/scope';
import type { Type } from '../metadata/type';
import type { GetOptions, ModuleContext } from './module-context';
import { appEnhancersExtension } from '../enhancers/app-enhancers.extension';

const DEFAULT_HOOK_TIMEOUT = 10_000;

/**
 * A booted application: the module graph, its instances and their lifecycle. Boot runs in
 * phases (scan, link, instantiate, init); every dependency problem is found before any
 * constructor runs and reported together.
 *
 * @example
 * const context = await ApplicationContext.create(AppModule);
 * const users = context.get(UsersService);
 * context.enableShutdownHooks();
 */
export class ApplicationContext implements ModuleContext {
  /** Lists providers and controllers with their metadata. */
  readonly discovery: DiscoveryService;
  /** The application's logger; `Logger` injected anywhere writes through the same root. */
  readonly logger: Logger;
  /** Milliseconds spent in each boot phase. */
  readonly timings: PhaseTimings;
  /** Problems reported by shutdown hooks during the last `close()`. */
  shutdownErrors: TenonError[] = [];

  private readonly container: Container;
  private lifecycle?: LifecycleRunner;
  private readonly hookTimeout: number;
  private closing?: Promise<void>;
  private readonly signalHandlers = new Map<string, () => void>();
  private discovered?: { classes: DiscoveredClass[]; modules: DiscoveredModule[] };

  private constructor(root: ModuleImport, options: ApplicationContextOptions) {
    // Options are checked now; pino is built (and loaded) on the first line or `logger.pino` read.
    const pinoRoot = prepareRootLogger(options.logger === false ? { level: 'silent' } : options.logger);
    this.logger = withLazyRoot('Tenon', pinoRoot);
    // Loggers built by hand (`new Logger('Jobs')`) follow the settings an application chose.
    if (options.logger !== undefined) setDefaultRootLogger(pinoRoot);
    this.discovery = new DiscoveryService(
      () => this.discover().classes,
      () => this.discover().modules,
    );
    this.container = new Container(root, {
      overrides: options.overrides,
      moduleOverrides: options.moduleOverrides,
      mocker: options.mocker,
      // APP_GUARD & co. are collected in every application, not only in HTTP ones: a worker's
      // message handlers apply them too. First, so that they leave their modules before any
      // extension sees those modules' providers.
      extensions: [appEnhancersExtension(), ...(options.extensions ?? [])],
      builtins: [
        { provide: ApplicationContext, useValue: this },
        { provide: DiscoveryService, useValue: this.discovery },
        // Transient: each consumer gets a logger named after its own class.
        {
          provide: Logger,
          scope: Scope.TRANSIENT,
          useFactory: (owner?: Type) => withLazyRoot(owner?.name, pinoRoot),
          inject: [{ token: INQUIRER, optional: true }],
        },
      ],
    });
    this.timings = this.container.timings;
    this.hookTimeout = options.hookTimeout ?? DEFAULT_HOOK_TIMEOUT;
  }

  /** Boots the application from its root module. */
  static async create(
    root: ModuleImport,
    options: ApplicationContextOptions = {},
  ): Promise<ApplicationContext> {
    const context = new ApplicationContext(root, options);
    try {
      await context.container.instantiate();
    } catch (error) {
      // A provider failed after others were built: those may hold connections, pools or
      // timers (an embedded database started by a factory). As Spring destroys the singletons
      // of a failed refresh, their shutdown hooks run, so a failed boot does not keep the
      // process alive and the error is all the caller sees.
      context.lifecycle = context.lifecycleOfCreated();
      await context.close();
      throw error;
    }
    const t = performance.now();
    // Built only now: hooks see the instances that exist after instantiate.
    const lifecycle = context.lifecycleOfCreated();
    context.lifecycle = lifecycle;
    try {
      await lifecycle.start('onModuleInit');
      await lifecycle.start('onApplicationBootstrap');
    } catch (error) {
      await context.close();
      throw error;
    }
    context.timings.init = performance.now() - t;
    // Started: the code cache is written shortly after (and after `listen()`, for an HTTP app).
    codeCache.settle();
    return context;
  }

  get<T>(token: Token<T>, options: GetOptions = {}): T {
    this.assertOpen(`get ${tokenName(token)}`);
    return this.container.get(this.container.root, token, options.strict === true) as T;
  }

  resolve<T>(token: Token<T>, options: GetOptions = {}): Promise<T> {
    this.assertOpen(`resolve ${tokenName(token)}`);
    return this.container.resolve(this.container.root, token, options.strict === true) as Promise<T>;
  }

  /** Lookups as seen from one module (a module class or the dynamic-module object). */
  select(module: object): ModuleContext {
    this.assertOpen(`select ${tokenName(module)}`);
    const record = this.container.moduleByRef(module);
    if (!record) {
      const names = this.container.modules.filter((m) => m !== this.container.core).map((m) => m.name);
      throw new ModuleNotFoundError(tokenName(module), names);
    }
    return this.moduleContext(record);
  }

  /**
   * Runs `fn` in a new request scope: request-scoped providers used inside get one instance
   * for this scope. The HTTP layer opens one per request; use it for jobs and messages.
   */
  runInRequestScope<R>(fn: () => R, options?: RequestScopeOptions): R {
    return runInRequestContext(fn, options);
  }

  /** Runs the shutdown hooks (reverse dependency order); safe to call more than once. */
  close(signal?: string): Promise<void> {
    this.closing ??= this.shutdown(signal);
    return this.closing;
  }

  /**
   * True when a request-scoped provider is injected somewhere (or a controller is
   * request-scoped): only then must each request run in its own request scope for injection
   * to work. Messaging uses it to skip the cost of a scope where nothing needs one;
   * `needsRequestScope(token)` answers the same question for one provider and what it injects.
   */
  get usesRequestScope(): boolean {
    return this.container.usesRequestScope;
  }

  /**
   * Whether using `token` (as `from` sees it, the root module by default) may need a request
   * scope: its provider is request-scoped or injects one, directly or through other providers.
   * `false` for a token nothing provides. Internal: the HTTP layer and messaging use it to open
   * a request scope only for the routes and handlers that need one.
   *
   * @example
   * context.needsRequestScope(TodosController); // true when it injects REQUEST somewhere below
   */
  needsRequestScope(token: Token, from?: ModuleContext): boolean {
    const record = (from && this.moduleRecords.get(from)) ?? this.container.root;
    return this.container.needsRequestScope(record, token);
  }

  // Which module each module context looks from (see `needsRequestScope`).
  private readonly moduleRecords = new WeakMap<ModuleContext, ModuleRecord>();

  get isClosed(): boolean {
    return this.closing !== undefined;
  }

  /**
   * Closes the context when the process receives one of `signals`, then exits with code 0.
   *
   * @example
   * context.enableShutdownHooks(['SIGTERM']);
   */
  enableShutdownHooks(
    signals: readonly string[] = ['SIGTERM', 'SIGINT'],
    options: { exit?: boolean } = {},
  ): this {
    for (const signal of signals) {
      if (this.signalHandlers.has(signal)) continue;
      const handler = (): void => {
        void this.close(signal).then(() => {
          if (options.exit !== false) process.exit(0);
        });
      };
      this.signalHandlers.set(signal, handler);
      // `on`, not `once`: a second signal during shutdown must not kill the process mid-hook.
      process.on(signal, handler);
    }
    return this;
  }

  private async shutdown(signal?: string): Promise<void> {
    const errors: TenonError[] = [];
    const lifecycle = this.lifecycle;
    if (lifecycle) {
      errors.push(...(await lifecycle.stop('beforeApplicationShutdown', signal)));
      errors.push(...(await lifecycle.stop('onModuleDestroy', signal)));
      errors.push(...(await lifecycle.stop('onApplicationShutdown', signal)));
    }
    this.shutdownErrors = errors;
    // Modules first loaded while the application ran (a driver on the first query) are cached too.
    codeCache.save();
    for (const error of errors) this.logger.error(error.message, { code: error.code, err: error.cause });
    if (!signal) {
      for (const [sig, handler] of this.signalHandlers) process.removeListener(sig, handler);
      this.signalHandlers.clear();
    }
  }

  private lifecycleOfCreated(): LifecycleRunner {
    return new LifecycleRunner(this.container.moduleOrder, this.container.order, this.hookTimeout);
  }

  private assertOpen(operation: string): void {
    if (this.closing) throw new ContextClosedError(operation);
  }

  private moduleContext(record: ModuleRecord): ModuleContext {
    const context: ModuleContext = {
      get: <T>(token: Token<T>, options: GetOptions = {}) => {
        this.assertOpen(`get ${tokenName(token)}`);
        return this.container.get(record, token, options.strict === true) as T;
      },
      resolve: <T>(token: Token<T>, options: GetOptions = {}) => {
        this.assertOpen(`resolve ${tokenName(token)}`);
        return this.container.resolve(record, token, options.strict === true) as Promise<T>;
      },
    };
    this.moduleRecords.set(context, record);
    return context;
  }

  private discover(): { classes: DiscoveredClass[]; modules: DiscoveredModule[] } {
    if (this.discovered) return this.discovered;
    const classes: DiscoveredClass[] = [];
    const modules: DiscoveredModule[] = [];
    for (const m of this.container.modules) {
      if (m === this.container.core) continue;
      const view: DiscoveredModule = {
        name: m.name,
        metatype: m.metatype,
        ref: m.ref,
        context: this.moduleContext(m),
      };
      modules.push(view);
      for (const r of m.providers) {
        if (r.isModule) continue;
        classes.push({
          token: r.token,
          name: r.name,
          metatype: r.useClass,
          instance: r.isSingleton ? r.instance : undefined,
          scope: r.scope,
          isController: r.isController,
          module: view,
        });
      }
    }
    this.discovered = { classes, modules };
    return this.discovered;
  }
}
