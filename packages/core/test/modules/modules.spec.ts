import 'reflect-metadata';
import { ApplicationContext, Global, Injectable, Module, forwardRef, type DynamicModule } from '@tenon/core';

describe('modules', () => {
  it('sees what imported modules export, including modules they re-export', async () => {
    @Injectable()
    class Db {}
    @Module({ providers: [Db], exports: [Db] })
    class DbModule {}
    @Module({ imports: [DbModule], exports: [DbModule] })
    class SharedModule {}
    @Injectable()
    class Users {
      constructor(readonly db: Db) {}
    }
    @Module({ imports: [SharedModule], providers: [Users] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(ctx.get(Users).db).toBe(ctx.get(Db));
  });

  it('re-exports a token imported from another module', async () => {
    @Injectable()
    class Clock {}
    @Module({ providers: [Clock], exports: [Clock] })
    class ClockModule {}
    @Module({ imports: [ClockModule], exports: [Clock] })
    class CommonModule {}
    @Injectable()
    class Job {
      constructor(readonly clock: Clock) {}
    }
    @Module({ imports: [CommonModule], providers: [Job] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(ctx.get(Job).clock).toBeInstanceOf(Clock);
  });

  it('shares one instance of a module imported from several places', async () => {
    @Injectable()
    class Counter {}
    @Module({ providers: [Counter], exports: [Counter] })
    class CounterModule {}
    @Injectable()
    class A {
      constructor(readonly c: Counter) {}
    }
    @Module({ imports: [CounterModule], providers: [A], exports: [A] })
    class AModule {}
    @Injectable()
    class B {
      constructor(readonly c: Counter) {}
    }
    @Module({ imports: [CounterModule], providers: [B], exports: [B] })
    class BModule {}
    @Module({ imports: [AModule, BModule] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(ctx.get(A).c).toBe(ctx.get(B).c);
  });

  it('makes global modules visible without an import, by decorator or by metadata', async () => {
    @Injectable()
    class Clock {}
    @Global()
    @Module({ providers: [Clock], exports: [Clock] })
    class ClockModule {}
    @Injectable()
    class Ids {}
    @Module({ providers: [Ids], exports: [Ids], global: true })
    class IdsModule {}
    @Injectable()
    class Feature {
      constructor(
        readonly clock: Clock,
        readonly ids: Ids,
      ) {}
    }
    @Module({ providers: [Feature] })
    class FeatureModule {}
    @Module({ imports: [ClockModule, IdsModule, FeatureModule] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(ctx.get(Feature).clock).toBeInstanceOf(Clock);
    expect(ctx.get(Feature).ids).toBeInstanceOf(Ids);
  });

  it('treats each dynamic module object as its own module', async () => {
    @Module({})
    class RepoModule {
      static forFeature(name: string): DynamicModule {
        return {
          module: RepoModule,
          providers: [{ provide: `repo:${name}`, useValue: name }],
          exports: [`repo:${name}`],
        };
      }
    }
    @Injectable()
    class Service {}
    @Module({
      imports: [RepoModule.forFeature('users'), RepoModule.forFeature('orders')],
      providers: [Service],
    })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(ctx.get('repo:users')).toBe('users');
    expect(ctx.get('repo:orders')).toBe('orders');
    expect(ctx.select(AppModule).get('repo:orders', { strict: true })).toBe('orders');
  });

  it('allows circular module imports through forwardRef', async () => {
    @Injectable()
    class Auth {}
    @Injectable()
    class Users {}
    @Module({ imports: [forwardRef(() => UsersModule)], providers: [Auth], exports: [Auth] })
    class AuthModule {}
    @Module({ imports: [forwardRef(() => AuthModule)], providers: [Users], exports: [Users] })
    class UsersModule {}
    @Injectable()
    class Both {
      constructor(
        readonly a: Auth,
        readonly u: Users,
      ) {}
    }
    @Module({ imports: [AuthModule, UsersModule], providers: [Both] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(ctx.get(Both).a).toBeInstanceOf(Auth);
    expect(ctx.select(AuthModule).get(Users, { strict: true })).toBeInstanceOf(Users);
  });

  it('lets a module class inject providers', async () => {
    @Injectable()
    class Registry {
      names: string[] = [];
    }
    @Module({ providers: [Registry] })
    class AppModule {
      constructor(registry: Registry) {
        registry.names.push('AppModule');
      }
    }
    const ctx = await ApplicationContext.create(AppModule);
    expect(ctx.get(Registry).names).toEqual(['AppModule']);
  });

  it('get() with strict only looks at what the selected module sees; without, it searches every module', async () => {
    @Injectable()
    class Hidden {}
    @Module({ providers: [Hidden] })
    class InnerModule {}
    @Module({ imports: [InnerModule] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(ctx.get(Hidden)).toBeInstanceOf(Hidden);
    expect(() => ctx.get(Hidden, { strict: true })).toThrow(
      expect.objectContaining({ code: 'TENON_CORE_PROVIDER_NOT_FOUND' }),
    );
    expect(ctx.select(InnerModule).get(Hidden, { strict: true })).toBe(ctx.get(Hidden));
  });
});
