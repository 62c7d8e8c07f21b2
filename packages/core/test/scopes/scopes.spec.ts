import 'reflect-metadata';
import { ApplicationContext, Inject, Injectable, Module, Scope, currentRequestContext } from '@tenon/core';

describe('scopes', () => {
  it('builds a new transient instance for every consumer and every resolve()', async () => {
    let built = 0;
    @Injectable({ scope: Scope.TRANSIENT })
    class Buffer {
      readonly n = ++built;
    }
    @Injectable()
    class A {
      constructor(readonly b: Buffer) {}
    }
    @Injectable()
    class B {
      constructor(readonly b: Buffer) {}
    }
    @Module({ providers: [Buffer, A, B] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(ctx.get(A).b.n).not.toBe(ctx.get(B).b.n);
    const r1 = await ctx.resolve(Buffer);
    const r2 = await ctx.resolve(Buffer);
    expect(r1).not.toBe(r2);
  });

  it('creates request-scoped instances lazily, once per request, and gives singletons a proxy (no bubbling)', async () => {
    let built = 0;
    @Injectable({ scope: Scope.REQUEST })
    class RequestState {
      readonly n = ++built;
      readonly id = currentRequestContext()?.id;
      items: string[] = [];
    }
    @Injectable()
    class Service {
      constructor(readonly state: RequestState) {}
      add(item: string) {
        this.state.items.push(item);
        return this.state.items.length;
      }
    }
    @Injectable()
    class Controller {
      constructor(readonly service: Service) {}
    }
    @Module({ providers: [RequestState, Service, Controller] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(built).toBe(0);
    const controller = ctx.get(Controller);
    expect(ctx.get(Controller)).toBe(controller); // still a singleton
    const first = await ctx.runInRequestScope(
      async () => {
        controller.service.add('a');
        await new Promise((r) => setTimeout(r, 5));
        return { count: controller.service.add('b'), id: controller.service.state.id };
      },
      { id: 'r-1' },
    );
    const second = ctx.runInRequestScope(() => controller.service.add('x'), { id: 'r-2' });
    expect(first).toEqual({ count: 2, id: 'r-1' });
    expect(second).toBe(1);
    expect(built).toBe(2);
    expect(controller.service.state instanceof RequestState).toBe(true);
  });

  it('keeps concurrent requests apart', async () => {
    @Injectable({ scope: Scope.REQUEST })
    class Box {
      value?: string;
    }
    @Injectable()
    class Svc {
      constructor(readonly box: Box) {}
    }
    @Module({ providers: [Box, Svc] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    const svc = ctx.get(Svc);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ctx.runInRequestScope(async () => {
          svc.box.value = `v${i}`;
          await new Promise((r) => setTimeout(r, 20 - i));
          return svc.box.value;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => `v${i}`));
  });

  it('lets request-scoped providers depend on each other and see seeded values', async () => {
    const REQ = Symbol('REQ');
    @Injectable({ scope: Scope.REQUEST })
    class User {
      constructor(@Inject(REQ) readonly req: { headers: Record<string, string> }) {}
      get name() {
        return this.req.headers['x-user'];
      }
    }
    @Injectable({ scope: Scope.REQUEST })
    class Audit {
      constructor(readonly user: User) {}
    }
    @Module({
      providers: [
        User,
        Audit,
        { provide: REQ, scope: Scope.REQUEST, useFactory: () => currentRequestContext()?.get(REQ) },
      ],
    })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    const name = await ctx.runInRequestScope(async () => (await ctx.resolve(Audit)).user.name, {
      values: [[REQ, { headers: { 'x-user': 'ada' } }]],
    });
    expect(name).toBe('ada');
    const sameInstance = await ctx.runInRequestScope(
      async () => (await ctx.resolve(Audit)) === (await ctx.resolve(Audit)),
      {
        values: [[REQ, { headers: {} }]],
      },
    );
    expect(sameInstance).toBe(true);
  });

  it('a transient provider inside a request-scoped one is new for each consumer', async () => {
    @Injectable({ scope: Scope.TRANSIENT })
    class Part {}
    @Injectable({ scope: Scope.REQUEST })
    class Whole {
      constructor(
        readonly a: Part,
        readonly b: Part,
      ) {}
    }
    @Module({ providers: [Part, Whole] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    const whole = await ctx.runInRequestScope(() => ctx.resolve(Whole));
    expect(whole.a).not.toBe(whole.b);
  });
});

describe('usesRequestScope', () => {
  it('is false when no request-scoped provider is injected anywhere', async () => {
    @Injectable({ scope: Scope.REQUEST })
    class Unused {}
    @Injectable()
    class Plain {}
    @Module({ providers: [Unused, Plain] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(ctx.usesRequestScope).toBe(false);
  });

  it('is true when a singleton injects a request-scoped provider (through its proxy)', async () => {
    const REQ = Symbol('REQ');
    @Injectable()
    class UsesRequest {
      constructor(@Inject(REQ) readonly req: object) {}
    }
    @Module({ providers: [UsesRequest, { provide: REQ, scope: Scope.REQUEST, useFactory: () => ({}) }] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(ctx.usesRequestScope).toBe(true);
  });
});
