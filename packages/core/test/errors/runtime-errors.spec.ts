import 'reflect-metadata';
import { bootError } from '../support/boot-error';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  ApplicationContext,
  Injectable,
  Module,
  Scope,
  TenonError,
  createConfigurableModule,
  type OnModuleInit,
  type OnApplicationShutdown,
} from '@tenon/core';

describe('runtime errors', () => {
  it('TENON_CORE_FACTORY_FAILED names the provider and chains the cause of a rejected async factory', async () => {
    const cause = new Error('connection refused');
    @Module({ providers: [{ provide: 'DB', useFactory: async () => Promise.reject(cause) }] })
    class DataModule {}
    @Module({ imports: [DataModule] })
    class AppModule {}
    const error = await bootError(AppModule);
    expect(error.code).toBe('TENON_CORE_FACTORY_FAILED');
    expect(error.cause).toBe(cause);
    expect(error.message).toBe(
      [
        "The factory of 'DB' in DataModule failed: Error: connection refused",
        "  Path: AppModule -> DataModule -> 'DB'",
        '  Fix: see the cause below (error.cause); the factory runs at boot, so its inputs (configuration, reachable services) must be ready then.',
      ].join('\n'),
    );
  });

  it('TENON_CORE_CONSTRUCTOR_FAILED chains what the constructor threw', async () => {
    @Injectable()
    class Fragile {
      constructor() {
        throw new RangeError('bad state');
      }
    }
    @Module({ providers: [Fragile] })
    class AppModule {}
    const error = await bootError(AppModule);
    expect(error.code).toBe('TENON_CORE_CONSTRUCTOR_FAILED');
    expect(error.cause).toBeInstanceOf(RangeError);
    expect(error.message).toBe(
      [
        'The constructor of Fragile in AppModule threw: RangeError: bad state',
        '  Path: AppModule -> Fragile',
        '  Fix: see the cause below (error.cause); keep constructors to assignments and do I/O in onModuleInit().',
      ].join('\n'),
    );
  });

  it('TENON_CORE_OUTSIDE_REQUEST_SCOPE when a request-scoped proxy is used outside a request', async () => {
    @Injectable({ scope: Scope.REQUEST })
    class Tenant {
      id = 't1';
    }
    @Injectable()
    class Reports {
      constructor(readonly tenant: Tenant) {}
    }
    @Module({ providers: [Tenant, Reports] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    let error: unknown;
    try {
      void ctx.get(Reports).tenant.id;
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TenonError);
    expect((error as TenonError).code).toBe('TENON_CORE_OUTSIDE_REQUEST_SCOPE');
    expect((error as TenonError).message).toBe(
      [
        'Tenant (in AppModule) is request-scoped and was used outside any request.',
        "  Cause: singletons receive a proxy that finds the current request's instance; there is no current request here (boot, a timer, a lifecycle hook, a callback that lost its async context, or an HTTP route or message handler served without a request scope because nothing it injects is request-scoped).",
        "  Fix: use it only while handling a request, or wrap jobs and message handlers in context.runInRequestScope(() => ...); for routes and message handlers, pass requestScope: 'always' to the HTTP application or the messaging module.",
      ].join('\n'),
    );
  });

  it('TENON_CORE_ASYNC_REQUEST_PROVIDER when a proxy meets an async request-scoped factory', async () => {
    @Injectable()
    class Reports {
      constructor(readonly session: { user: string }) {}
    }
    Reflect.defineMetadata('tenon:inject:params', new Map([[0, 'SESSION']]), Reports);
    @Module({
      providers: [
        Reports,
        { provide: 'SESSION', scope: Scope.REQUEST, useFactory: async () => ({ user: 'u' }) },
      ],
    })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    const error = ctx.runInRequestScope(() => {
      try {
        void ctx.get(Reports).session.user;
      } catch (e) {
        return e as TenonError;
      }
      return undefined;
    });
    expect(error?.code).toBe('TENON_CORE_ASYNC_REQUEST_PROVIDER');
    expect(error?.message).toBe(
      [
        "'SESSION' (in AppModule) is request-scoped and its factory returned a promise, but it was reached through a property access, which cannot wait.",
        "  Fix: make the factory synchronous and do async work in a method, or obtain it with await context.resolve('SESSION').",
      ].join('\n'),
    );
    await expect(ctx.runInRequestScope(() => ctx.resolve<{ user: string }>('SESSION'))).resolves.toEqual({
      user: 'u',
    });
  });

  it('TENON_CORE_PROVIDER_NOT_FOUND and TENON_CORE_WRONG_SCOPE_LOOKUP from get()', async () => {
    @Injectable({ scope: Scope.TRANSIENT })
    class Temp {}
    @Module({ providers: [Temp] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(() => ctx.get('missing')).toThrow(
      expect.objectContaining({
        code: 'TENON_CORE_PROVIDER_NOT_FOUND',
        message:
          "No provider for 'missing' exists in any module of the application.\n  Fix: add 'missing' to a module's providers.",
      }),
    );
    expect(() => ctx.get('missing', { strict: true })).toThrow(
      expect.objectContaining({
        message:
          "No provider for 'missing' is visible from AppModule.\n  Fix: add 'missing' to a module's providers and export it to AppModule, or call get() without { strict: true }.",
      }),
    );
    expect(() => ctx.get(Temp)).toThrow(
      expect.objectContaining({
        code: 'TENON_CORE_WRONG_SCOPE_LOOKUP',
        message:
          "Temp is transient-scoped, so there is no single instance for get() to return.\n  Fix: use await context.resolve(Temp), which builds a new instance (transient) or returns the current request's instance (request).",
      }),
    );
  });

  it('TENON_CORE_LIFECYCLE_HOOK_FAILED and TENON_CORE_LIFECYCLE_HOOK_TIMEOUT', async () => {
    const closed: string[] = [];
    @Injectable()
    class Early implements OnApplicationShutdown {
      onApplicationShutdown() {
        closed.push('Early');
      }
    }
    @Injectable()
    class Broken implements OnModuleInit {
      constructor(readonly early: Early) {}
      onModuleInit() {
        throw new Error('cannot warm up');
      }
    }
    @Module({ providers: [Early, Broken] })
    class AppModule {}
    const error = await bootError(AppModule);
    expect(error.code).toBe('TENON_CORE_LIFECYCLE_HOOK_FAILED');
    expect(error.message).toBe(
      'Broken.onModuleInit() in AppModule failed: Error: cannot warm up\n  Fix: see error.cause; hooks must settle without throwing.',
    );
    // A failed start still releases what was started.
    expect(closed).toEqual(['Early']);

    @Injectable()
    class Slow implements OnModuleInit {
      onModuleInit() {
        return new Promise(() => undefined);
      }
    }
    @Module({ providers: [Slow] })
    class SlowModule {}
    const timeout = await bootError(SlowModule, { hookTimeout: 50 });
    expect(timeout.code).toBe('TENON_CORE_LIFECYCLE_HOOK_TIMEOUT');
    expect(timeout.message).toBe(
      'Slow.onModuleInit() in SlowModule did not finish within 50 ms.\n  Fix: make the hook finish sooner (close connections with a timeout), or raise the limit with the hookTimeout option.',
    );
  });

  it('TENON_CORE_CONTEXT_CLOSED after close()', async () => {
    @Module({ providers: [{ provide: 'X', useValue: 1 }] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    await ctx.close();
    expect(() => ctx.get('X')).toThrow(
      expect.objectContaining({
        code: 'TENON_CORE_CONTEXT_CLOSED',
        message:
          "Cannot get 'X': the application context is closed.\n  Fix: create a new context; instances of a closed context have released their resources.",
      }),
    );
  });

  it('TENON_CORE_INVALID_MODULE_OPTIONS lists every problem of a configurable module', async () => {
    const { ConfigurableModuleClass } = createConfigurableModule<{ ttl: number; name: string }>({
      name: 'CacheModule',
      validate: (o) => [
        ...(o.ttl > 0 ? [] : ['ttl: must be positive']),
        ...(o.name ? [] : ['name: must not be empty']),
      ],
    });
    @Module({})
    class CacheModule extends ConfigurableModuleClass {}
    expect(() => CacheModule.forRoot({ ttl: 0, name: '' })).toThrow(
      expect.objectContaining({
        code: 'TENON_CORE_INVALID_MODULE_OPTIONS',
        message:
          'CacheModule options are invalid (2 problems):\n  - ttl: must be positive\n  - name: must not be empty\n  Fix: correct the options passed to CacheModule.forRoot()/forRootAsync().',
      }),
    );
  });

  it('TENON_CORE_REFLECT_METADATA_MISSING when the package loads without the polyfill', () => {
    const entry = join(__dirname, '../../dist/index.js');
    const run = spawnSync(
      process.execPath,
      [
        '-e',
        `try { require(${JSON.stringify(entry)}) } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })) }`,
      ],
      {
        encoding: 'utf8',
      },
    );
    const out = JSON.parse(run.stdout.trim()) as { code: string; message: string };
    expect(out.code).toBe('TENON_CORE_REFLECT_METADATA_MISSING');
    expect(out.message).toBe(
      "The Reflect metadata API is missing, so decorators cannot record dependencies. Fix: add `import 'reflect-metadata';` as the first line of your entry file (main.ts, and a jest setup file for tests), before anything imports @tenon/core.",
    );
  });
});
