import 'reflect-metadata';
import { inspect } from 'node:util';
import {
  ApplicationContext,
  Inject,
  Injectable,
  InjectionToken,
  Module,
  RequestContext,
  Scope,
  currentRequestContext,
} from '@tenon/core';

class Base {
  inherited(): string {
    return `inherited ${(this as unknown as { tag: string }).tag}`;
  }
}

describe('request-scoped proxy', () => {
  async function boot() {
    let built = 0;
    @Injectable({ scope: Scope.REQUEST })
    class Tenant extends Base {
      readonly tag = currentRequestContext()!.id;
      readonly n = ++built;
      callback = (): string => `callback ${this.tag}`;
      get upper(): string {
        return this.tag.toUpperCase();
      }
      name(suffix = ''): string {
        return `${this.tag}${suffix}`;
      }
      self(): this {
        return this;
      }
    }
    @Injectable()
    class Reports {
      constructor(readonly tenant: Tenant) {}
    }
    @Module({ providers: [Tenant, Reports] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    return { ctx, tenant: ctx.get(Reports).tenant, Tenant, built: () => built };
  }

  it('calls methods, inherited methods, accessors and function fields on the current request instance', async () => {
    const { ctx, tenant, Tenant } = await boot();
    const seen = ctx.runInRequestScope(
      () => [
        tenant.name('!'),
        tenant.inherited(),
        tenant.upper,
        tenant.callback(),
        tenant.self() instanceof Tenant,
      ],
      { id: 'r1' },
    );
    expect(seen).toEqual(['r1!', 'inherited r1', 'R1', 'callback r1', true]);
    expect(tenant instanceof Tenant).toBe(true);
    expect(ctx.runInRequestScope(() => 'name' in tenant && 'tag' in tenant && !('nope' in tenant))).toBe(
      true,
    );
    expect(Object.keys(tenant)).toEqual([]);
  });

  it('gives a method read in one request the instance of the request it is called in', async () => {
    const { ctx, tenant, built } = await boot();
    const name = ctx.runInRequestScope(() => tenant.name, { id: 'r1' });
    expect(ctx.runInRequestScope(() => name(), { id: 'r2' })).toBe('r2');
    expect(ctx.runInRequestScope(() => tenant.self() === tenant.self(), { id: 'r3' })).toBe(true);
    expect(built()).toBe(2);
    expect(() => name()).toThrow(/used outside any request/);
  });

  it('can be printed outside a request, as the bare proxy could', async () => {
    const { ctx, tenant } = await boot();
    const holder = { tenant };
    expect(inspect(holder)).toBe('{ tenant: Tenant {} }');
    expect(ctx.runInRequestScope(() => inspect(tenant), { id: 'r1' })).toBe('Tenant {}');

    const SETTINGS = new InjectionToken<{ locale: string }>('SETTINGS');
    @Injectable()
    class Formatter {
      constructor(@Inject(SETTINGS) readonly settings: { locale: string }) {}
    }
    @Module({
      providers: [
        Formatter,
        { provide: SETTINGS, scope: Scope.REQUEST, useFactory: () => ({ locale: 'fr' }) },
      ],
    })
    class FactoryModule {}
    const other = await ApplicationContext.create(FactoryModule);
    const formatter = other.get(Formatter);
    expect(inspect(formatter)).toBe('Formatter { settings: {} }');
    expect(other.runInRequestScope(() => formatter.settings.locale)).toBe('fr');
  });

  it('follows a method replaced on the instance', async () => {
    const { ctx, tenant } = await boot();
    const result = ctx.runInRequestScope(
      () => {
        tenant.self().name = () => 'replaced';
        return tenant.name();
      },
      { id: 'r1' },
    );
    expect(result).toBe('replaced');
  });

  it('builds a request-scoped factory that returns undefined once per request', async () => {
    let calls = 0;
    const MAYBE = new InjectionToken<string | undefined>('MAYBE');
    @Module({ providers: [{ provide: MAYBE, scope: Scope.REQUEST, useFactory: () => void calls++ }] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    const values = await ctx.runInRequestScope(async () => [
      await ctx.resolve(MAYBE),
      await ctx.resolve(MAYBE),
    ]);
    expect(values).toEqual([undefined, undefined]);
    expect(calls).toBe(1);
  });

  it('reads seeded values given as pairs or as a map, and builds log bindings on first use', () => {
    const A = new InjectionToken<string>('A');
    const pairs = new RequestContext('p', [[A, 'a']]);
    const map = new RequestContext('m', new Map([[A, 'b']]));
    const none = new RequestContext('n');
    expect([pairs.has(A), pairs.get(A), map.has(A), map.get(A), none.has(A), none.get(A)]).toEqual([
      true,
      'a',
      true,
      'b',
      false,
      undefined,
    ]);
    expect(pairs.logBindings).toEqual({ reqId: 'p' });
    expect(pairs.logBindings).toBe(pairs.logBindings);
  });
});
