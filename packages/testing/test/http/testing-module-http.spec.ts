import 'reflect-metadata';
import { Inject, Injectable, Module, Scope, TenonError, type OnModuleDestroy } from '@tenon/core';
import {
  Controller,
  Get,
  Headers,
  HttpApplication,
  REQUEST,
  UseGuards,
  UseInterceptors,
  type CallHandler,
  type CanActivate,
  type ExecutionContext,
  type HttpRequest,
  type TenonInterceptor,
} from '@tenon/http';
import {
  HttpApplicationExistsError,
  ModuleClosedError,
  Test,
  TestingErrorCode,
  type TestingModule,
} from '@tenon/testing';

// The e2e pattern with a compiled TestingModule: compile() with overrides, then
// moduleRef.createHttpApplication(): every override is what the HTTP requests meet.

const events: string[] = [];

@Injectable()
class Prices implements OnModuleDestroy {
  price(item: string): number {
    return item.length * 100;
  }
  onModuleDestroy(): void {
    events.push('Prices destroyed');
  }
}

@Injectable()
class Keys {
  valid(key: string | undefined): boolean {
    return key === 'real-secret';
  }
}

/** Needs injection: only a guard registered as a provider can be built. */
@Injectable()
class KeyGuard implements CanActivate {
  constructor(private readonly keys: Keys) {}
  canActivate(ctx: ExecutionContext): boolean {
    return this.keys.valid(ctx.getRequest<HttpRequest>().headers['x-key'] as string | undefined);
  }
}

@Injectable()
class TagInterceptor implements TenonInterceptor {
  async intercept(_ctx: ExecutionContext, next: CallHandler): Promise<unknown> {
    return { tagged: 'real', body: await next() };
  }
}

/** One per request: reads the request it belongs to. */
@Injectable({ scope: Scope.REQUEST })
class Caller {
  static made = 0;
  readonly n = ++Caller.made;
  constructor(@Inject(REQUEST) private readonly request: HttpRequest) {}
  name(): string {
    return String(this.request.headers['x-user'] ?? 'anonymous');
  }
}

@Controller('shop')
@UseGuards(KeyGuard)
@UseInterceptors(TagInterceptor)
class ShopController {
  constructor(private readonly prices: Prices) {}

  @Get('price/:item')
  price(@Headers('x-item') _header: string | undefined): { price: number } {
    return { price: this.prices.price('book') };
  }
}

@Controller('me')
class MeController {
  constructor(private readonly caller: Caller) {}

  @Get()
  me(): { name: string; n: number } {
    return { name: this.caller.name(), n: this.caller.n };
  }
}

@Module({ providers: [Prices, Keys], exports: [Prices, Keys] })
class PricingModule {}

@Module({ imports: [PricingModule], controllers: [ShopController, MeController], providers: [Caller] })
class ShopModule {}

@Module({
  providers: [{ provide: Prices, useValue: { price: () => 7, onModuleDestroy: () => undefined } }, Keys],
  exports: [Prices, Keys],
})
class FakePricingModule {}

const allow = { canActivate: () => true };
const get = (app: HttpApplication, url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers });

describe('TestingModule.createHttpApplication()', () => {
  let moduleRef: TestingModule | undefined;

  beforeEach(() => {
    events.length = 0;
  });

  afterEach(async () => {
    await moduleRef?.close();
    moduleRef = undefined;
  });

  it('serves the compiled module: the real pipeline when nothing is overridden', async () => {
    moduleRef = await Test.createTestingModule({ imports: [ShopModule] }, { logger: false }).compile();
    const app = await moduleRef.createHttpApplication();
    expect(app).toBeInstanceOf(HttpApplication);
    expect((await get(app, '/shop/price/x')).statusCode).toBe(403);
    const ok = await get(app, '/shop/price/x', { 'x-key': 'real-secret' });
    expect(ok.json()).toEqual({ tagged: 'real', body: { price: 400 } });
    expect(app.fastify.server.listening).toBe(false);
  });

  it('applies overrideGuard(), overrideInterceptor() and overrideProvider() to the requests', async () => {
    moduleRef = await Test.createTestingModule({ imports: [ShopModule] }, { logger: false })
      .overrideGuard(KeyGuard)
      .useValue(allow)
      .overrideInterceptor(TagInterceptor)
      .useFactory({
        factory: (prices: Prices) => ({
          intercept: async (_ctx: ExecutionContext, next: CallHandler) => ({
            tagged: `fake ${prices.price('ab')}`,
            body: await next(),
          }),
        }),
        inject: [Prices],
      })
      .overrideProvider(Prices)
      .useValue({ price: () => 1 })
      .compile();
    // compile() registered the decorator-named classes: get() returns the overrides
    expect(moduleRef.get(KeyGuard)).toBe(allow);
    const app = await moduleRef.createHttpApplication();
    const res = await get(app, '/shop/price/x');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ tagged: 'fake 1', body: { price: 1 } });
    expect(app.get(Prices)).toBe(moduleRef.get(Prices));
  });

  it('applies overrideModule() to the requests', async () => {
    moduleRef = await Test.createTestingModule({ imports: [ShopModule] }, { logger: false })
      .overrideModule(PricingModule)
      .useModule(FakePricingModule)
      .overrideGuard(KeyGuard)
      .useValue(allow)
      .compile();
    const app = await moduleRef.createHttpApplication({ globalPrefix: 'api' });
    expect((await get(app, '/api/shop/price/x')).json()).toEqual({ tagged: 'real', body: { price: 7 } });
  });

  it('builds a request-scoped provider (and its override) once per request', async () => {
    @Injectable({ scope: Scope.REQUEST })
    class FakeCaller {
      static made = 0;
      readonly n = ++FakeCaller.made;
      constructor(@Inject(REQUEST) private readonly request: HttpRequest) {}
      name(): string {
        return `fake ${String(this.request.headers['x-user'])}`;
      }
    }
    moduleRef = await Test.createTestingModule({ imports: [ShopModule] }, { logger: false })
      .overrideProvider(Caller)
      .useClass(FakeCaller)
      .compile();
    const app = await moduleRef.createHttpApplication();
    const ada = (await get(app, '/me', { 'x-user': 'ada' })).json();
    const bob = (await get(app, '/me', { 'x-user': 'bob' })).json();
    expect([ada.name, bob.name]).toEqual(['fake ada', 'fake bob']);
    expect(ada.n).not.toBe(bob.n);
    expect(Caller.made).toBe(0);
  });

  it('uses a global enhancer instance given in the options', async () => {
    moduleRef = await Test.createTestingModule({ imports: [ShopModule] }, { logger: false })
      .overrideGuard(KeyGuard)
      .useValue(allow)
      .compile();
    const app = await moduleRef.createHttpApplication({
      globalInterceptors: [
        { intercept: async (_c: ExecutionContext, next: CallHandler) => ({ outer: await next() }) },
      ],
    });
    expect((await get(app, '/shop/price/x')).json()).toEqual({
      outer: { tagged: 'real', body: { price: 400 } },
    });
  });

  it('refuses a second application on the same module, with a coded error', async () => {
    moduleRef = await Test.createTestingModule({ imports: [ShopModule] }, { logger: false }).compile();
    await moduleRef.createHttpApplication();
    let error: unknown;
    try {
      await moduleRef.createHttpApplication();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HttpApplicationExistsError);
    expect((error as TenonError).code).toBe(TestingErrorCode.HTTP_APPLICATION_EXISTS);
    expect((error as TenonError).message).toBe(
      'Cannot create a second HTTP application from this TestingModule: it already serves one, and two applications on the same providers would shut them down twice.\n' +
        '  Fix: keep the application the first createHttpApplication() returned, or compile a new testing module for another one.',
    );
  });

  it('leaves the module usable when the application cannot be built', async () => {
    @Controller('shop')
    class SecondShopController {
      @Get('price/:item')
      price(): number {
        return 0;
      }
    }
    @Module({ imports: [ShopModule], controllers: [SecondShopController] })
    class ConflictingModule {}
    moduleRef = await Test.createTestingModule({ imports: [ConflictingModule] }, { logger: false }).compile();
    await expect(moduleRef.createHttpApplication()).rejects.toMatchObject({
      code: 'TENON_HTTP_ROUTE_CONFLICT',
    });
    expect(moduleRef.isClosed).toBe(false);
    expect(moduleRef.get(Prices).price('ab')).toBe(200);
  });
});

describe('closing a testing module and its HTTP application', () => {
  const closedMessage = (operation: string): string =>
    `Cannot ${operation}: this TestingModule was closed, and its instances have run their shutdown hooks.\n` +
    '  Fix: close the module in afterAll (not afterEach) when tests share it, or compile a new one in beforeEach.';

  async function served(): Promise<{ moduleRef: TestingModule; app: HttpApplication }> {
    events.length = 0;
    const moduleRef = await Test.createTestingModule({ imports: [ShopModule] }, { logger: false })
      .overrideGuard(KeyGuard)
      .useValue(allow)
      .compile();
    const app = await moduleRef.createHttpApplication();
    expect((await get(app, '/shop/price/x')).statusCode).toBe(200);
    return { moduleRef, app };
  }

  it('module.close() stops the application, then runs the hooks, once', async () => {
    const { moduleRef, app } = await served();
    await moduleRef.close();
    expect(app.isShuttingDown).toBe(true);
    expect(moduleRef.isClosed).toBe(true);
    expect(events).toEqual(['Prices destroyed']);
    await app.close();
    await moduleRef.close();
    expect(events).toEqual(['Prices destroyed']);
  });

  it('app.close() closes the module, once', async () => {
    const { moduleRef, app } = await served();
    await app.close();
    expect(moduleRef.isClosed).toBe(true);
    await moduleRef.close();
    await app.close();
    expect(events).toEqual(['Prices destroyed']);
  });

  it('after either close, the module and the application answer with a coded error', async () => {
    for (const closeFirst of ['module', 'app'] as const) {
      const { moduleRef, app } = await served();
      await (closeFirst === 'module' ? moduleRef.close() : app.close());
      const injected = await app.inject({ method: 'GET', url: '/shop/price/x' }).catch((e: unknown) => e);
      expect(injected).toBeInstanceOf(ModuleClosedError);
      expect((injected as TenonError).code).toBe(TestingErrorCode.MODULE_CLOSED);
      expect((injected as TenonError).message).toBe(closedMessage('inject GET /shop/price/x'));
      expect(() => moduleRef.get(Prices)).toThrow(closedMessage('get Prices'));
      await expect(moduleRef.createHttpApplication()).rejects.toThrow(
        closedMessage('create an HTTP application'),
      );
    }
  });

  it('a builder-made application closes with its hooks once', async () => {
    events.length = 0;
    const app = await Test.createTestingModule({ imports: [ShopModule] }).createHttpApplication();
    await Promise.all([app.close(), app.close()]);
    expect(events).toEqual(['Prices destroyed']);
    await expect(app.inject('/shop/price/x')).rejects.toMatchObject({ code: TestingErrorCode.MODULE_CLOSED });
  });
});

describe('Test.createTestingModule().createHttpApplication() with global enhancers from the options', () => {
  // A global guard with a dependency: registered in the root module, so it gets injection from
  // what the root imports (Keys comes from PricingModule).
  @Injectable()
  class GlobalKeyGuard implements CanActivate {
    constructor(private readonly keys: Keys) {}
    canActivate(ctx: ExecutionContext): boolean {
      return this.keys.valid(ctx.getRequest<HttpRequest>().headers['x-key'] as string | undefined);
    }
  }

  it('builds a global guard class with injection from what the root sees', async () => {
    const app = await Test.createTestingModule({ imports: [ShopModule, PricingModule] })
      .overrideGuard(KeyGuard)
      .useValue(allow)
      .createHttpApplication({ globalGuards: [GlobalKeyGuard] });
    try {
      expect((await get(app, '/shop/price/x')).statusCode).toBe(403);
      expect((await get(app, '/shop/price/x', { 'x-key': 'real-secret' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('lets overrideGuard() replace a global guard class, and overrideProvider() its dependency', async () => {
    const replaced = await Test.createTestingModule({ imports: [ShopModule, PricingModule] })
      .overrideGuard(KeyGuard)
      .useValue(allow)
      .overrideGuard(GlobalKeyGuard)
      .useValue(allow)
      .createHttpApplication({ globalGuards: [GlobalKeyGuard] });
    const viaDependency = await Test.createTestingModule({ imports: [ShopModule, PricingModule] })
      .overrideProvider(Keys)
      .useValue({ valid: () => true })
      .createHttpApplication({ globalGuards: [GlobalKeyGuard] });
    try {
      expect((await get(replaced, '/shop/price/x')).statusCode).toBe(200);
      expect(replaced.get(GlobalKeyGuard)).toBe(allow);
      // Keys is overridden for the decorator-named KeyGuard and the global guard alike
      expect((await get(viaDependency, '/shop/price/x')).statusCode).toBe(200);
    } finally {
      await replaced.close();
      await viaDependency.close();
    }
  });
});
