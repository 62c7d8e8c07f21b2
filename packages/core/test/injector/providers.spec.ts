import 'reflect-metadata';
import {
  ApplicationContext,
  Inject,
  Injectable,
  InjectionToken,
  Module,
  Optional,
  forwardRef,
  INQUIRER,
  Scope,
  type Type,
} from '@tenon/core';

describe('providers', () => {
  it('injects classes by constructor type, a service into another service', async () => {
    @Injectable()
    class Repo {
      find() {
        return 'row';
      }
    }
    @Injectable()
    class Service {
      constructor(readonly repo: Repo) {}
    }
    @Module({ providers: [Repo, Service] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    const service = ctx.get(Service);
    expect(service.repo).toBe(ctx.get(Repo));
    expect(service.repo.find()).toBe('row');
  });

  it('supports useValue, useClass, sync and async useFactory with inject, and useExisting', async () => {
    const URL = new InjectionToken<string>('URL');
    const CONN = new InjectionToken<{ url: string; open: boolean }>('CONN');
    abstract class Mailer {
      abstract send(): string;
    }
    @Injectable()
    class SmtpMailer extends Mailer {
      send() {
        return 'smtp';
      }
    }
    @Module({
      providers: [
        { provide: URL, useValue: 'db://x' },
        { provide: CONN, useFactory: async (url: string) => ({ url, open: true }), inject: [URL] },
        { provide: 'LEN', useFactory: (url: string) => url.length, inject: [URL] },
        { provide: Mailer, useClass: SmtpMailer },
        { provide: 'mailer', useExisting: Mailer },
      ],
    })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(ctx.get(URL)).toBe('db://x');
    expect(ctx.get(CONN)).toEqual({ url: 'db://x', open: true });
    expect(ctx.get<number>('LEN')).toBe(6);
    expect(ctx.get(Mailer).send()).toBe('smtp');
    expect(ctx.get('mailer')).toBe(ctx.get(Mailer));
  });

  it('lets factories list optional tokens, and @Optional parameters and properties receive undefined', async () => {
    const MISSING = new InjectionToken<string>('MISSING');
    @Injectable()
    class Tracer {}
    @Injectable()
    class Service {
      @Optional() @Inject(MISSING) readonly prop?: string;
      constructor(@Optional() readonly tracer?: Tracer) {}
    }
    @Module({
      providers: [
        Service,
        {
          provide: 'F',
          useFactory: (x?: string) => x ?? 'fallback',
          inject: [{ token: MISSING, optional: true }],
        },
      ],
    })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(ctx.get(Service).tracer).toBeUndefined();
    expect(ctx.get(Service).prop).toBeUndefined();
    expect(ctx.get('F')).toBe('fallback');
  });

  it('injects properties with @Inject, by type or token, after construction', async () => {
    const NAME = Symbol('name');
    @Injectable()
    class Clock {
      now() {
        return 42;
      }
    }
    @Injectable()
    class Service {
      @Inject() readonly clock!: Clock;
      @Inject(NAME) readonly name!: string;
      seenInCtor: unknown = 'unset';
      constructor() {
        this.seenInCtor = (this as { clock?: Clock }).clock;
      }
    }
    @Module({ providers: [Clock, Service, { provide: NAME, useValue: 'tenon' }] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    const s = ctx.get(Service);
    expect(s.clock.now()).toBe(42);
    expect(s.name).toBe('tenon');
    expect(s.seenInCtor).toBeUndefined();
  });

  it('collects multi providers under one token, across imported modules', async () => {
    const PLUGIN = new InjectionToken<string>('PLUGIN');
    @Module({ providers: [{ provide: PLUGIN, useValue: 'b', multi: true }], exports: [PLUGIN] })
    class PluginModule {}
    @Module({
      imports: [PluginModule],
      providers: [
        { provide: PLUGIN, useValue: 'a', multi: true },
        { provide: PLUGIN, useFactory: async () => 'a2', multi: true },
      ],
    })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(ctx.get(PLUGIN)).toEqual(['a', 'a2', 'b']);
  });

  it('resolves circular constructor dependencies declared with forwardRef', async () => {
    @Injectable()
    class A {
      constructor(@Inject(forwardRef(() => B)) readonly b: { name(): string }) {}
      name() {
        return 'a';
      }
    }
    @Injectable()
    class B {
      constructor(readonly a: A) {}
      name() {
        return 'b';
      }
    }
    @Module({ providers: [A, B] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(ctx.get(A).b.name()).toBe('b');
    expect(ctx.get(B).a).toBe(ctx.get(A));
    expect(ctx.get(A).b instanceof B).toBe(true);
  });

  it('tells a transient provider who injects it through INQUIRER', async () => {
    @Injectable({ scope: Scope.TRANSIENT })
    class Tagger {
      constructor(@Optional() @Inject(INQUIRER) readonly owner?: Type) {}
    }
    @Injectable()
    class Orders {
      constructor(readonly tag: Tagger) {}
    }
    @Injectable()
    class Payments {
      constructor(readonly tag: Tagger) {}
    }
    @Module({ providers: [Tagger, Orders, Payments] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(ctx.get(Orders).tag.owner).toBe(Orders);
    expect(ctx.get(Payments).tag.owner).toBe(Payments);
    expect(ctx.get(Orders).tag).not.toBe(ctx.get(Payments).tag);
    const direct = await ctx.resolve(Tagger);
    expect(direct.owner).toBeUndefined();
  });

  it('gives the last registration of a token in one module precedence', async () => {
    @Module({
      providers: [
        { provide: 'X', useValue: 1 },
        { provide: 'X', useValue: 2 },
      ],
    })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(ctx.get('X')).toBe(2);
  });
});
