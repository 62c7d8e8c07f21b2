import 'reflect-metadata';
import { ApplicationContext, DiscoveryService, Injectable, Module, Scope } from '@tenon/core';

const ON_EVENT = 'test:on-event';
const OnEvent =
  (name: string): MethodDecorator =>
  (target, key) =>
    Reflect.defineMetadata(ON_EVENT, name, target, key);
const TAG = 'test:tag';

describe('DiscoveryService', () => {
  it('lists providers and controllers with their module, class metadata and method metadata', async () => {
    @Injectable()
    class Base {
      @OnEvent('base.created') onBase() {
        return 'base';
      }
    }
    @Injectable()
    class Listener extends Base {
      @OnEvent('user.created') onUser() {
        return 'user';
      }
      plain() {}
    }
    @Injectable({ scope: Scope.REQUEST })
    class PerRequest {}
    class UsersController {}
    Reflect.defineMetadata(TAG, 'users', UsersController);
    @Module({ providers: [Listener, PerRequest], controllers: [UsersController] })
    class UsersModule {}
    @Module({ imports: [UsersModule] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    const discovery = ctx.get(DiscoveryService);
    expect(discovery).toBe(ctx.discovery);
    expect(discovery.getControllers().map((c) => [c.name, c.module.name])).toEqual([
      ['UsersController', 'UsersModule'],
    ]);
    const providers = discovery.getProviders();
    expect(providers.map((p) => p.name)).toEqual(['Listener', 'PerRequest']);
    expect(providers[0]!.instance).toBe(ctx.get(Listener));
    expect(providers[1]!.instance).toBeUndefined();
    expect(discovery.classesWithMetadata<string>(TAG).map((c) => [c.item.name, c.metadata])).toEqual([
      ['UsersController', 'users'],
    ]);
    const methods = discovery.methodsWithMetadata<string>(ON_EVENT);
    expect(methods.map((m) => [m.owner.name, m.methodName, m.metadata])).toEqual([
      ['Listener', 'onUser', 'user.created'],
      ['Listener', 'onBase', 'base.created'],
    ]);
    expect(discovery.getModules().map((m) => m.name)).toEqual(['AppModule', 'UsersModule']);
    expect(discovery.getModules()[1]!.context.get(Listener, { strict: true })).toBe(ctx.get(Listener));
  });

  it('lets extensions add providers between scan and link', async () => {
    @Injectable()
    class Guard {
      name = 'guard';
    }
    class Ctl {}
    @Module({ controllers: [Ctl] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule, {
      extensions: [
        {
          name: 'guards',
          afterScan(graph) {
            const m = graph.modules[0]!;
            expect(graph.isVisible(m, Guard)).toBe(false);
            graph.addProvider(m, Guard);
            graph.addGlobalProvider({ provide: 'GLOBAL', useValue: 1 });
            expect(graph.isVisible(m, Guard)).toBe(true);
          },
        },
      ],
    });
    expect(ctx.select(AppModule).get(Guard, { strict: true }).name).toBe('guard');
    expect(ctx.get('GLOBAL', { strict: true })).toBe(1);
  });
});
