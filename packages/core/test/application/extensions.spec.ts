import 'reflect-metadata';
import { ApplicationContext, Injectable, Module, type DynamicModule } from '@tenon/core';

describe('boot extensions and overrides', () => {
  it('runs every afterScan before any beforeLink, and shows every provided token', async () => {
    @Injectable()
    class Guard {}
    @Module({ providers: [{ provide: 'A', useValue: 1 }] })
    class AppModule {}
    const order: string[] = [];
    let seen: ReadonlySet<unknown> | undefined;
    await ApplicationContext.create(AppModule, {
      extensions: [
        { name: 'check', beforeLink: (g) => ((seen = g.providedTokens), order.push('check.beforeLink')) },
        { name: 'http', afterScan: (g) => (g.addGlobalProvider(Guard), order.push('http.afterScan')) },
      ],
    });
    expect(order).toEqual(['http.afterScan', 'check.beforeLink']);
    expect(seen!.has('A')).toBe(true);
    expect(seen!.has(Guard)).toBe(true);
    expect(seen!.has(ApplicationContext)).toBe(true);
  });

  it('replaces dynamic modules of a class when the override key is the class, and reports it', async () => {
    @Module({})
    class DbModule {
      static forRoot(url: string): DynamicModule {
        return {
          module: DbModule,
          providers: [{ provide: 'URL', useValue: url }],
          exports: ['URL'],
          global: true,
        };
      }
    }
    @Module({ providers: [{ provide: 'URL', useValue: 'fake://' }], exports: ['URL'] })
    class FakeDbModule {}
    @Module({ imports: [DbModule.forRoot('postgres://real')], exports: [DbModule] })
    class AppModule {}
    let applied: ReadonlySet<object> | undefined;
    const ctx = await ApplicationContext.create(AppModule, {
      moduleOverrides: new Map([[DbModule, FakeDbModule]]),
      extensions: [{ name: 'spy', beforeLink: (g) => (applied = g.appliedModuleOverrides) }],
    });
    expect(ctx.get('URL')).toBe('fake://');
    expect([...applied!]).toEqual([DbModule]);
  });

  it('TENON_CORE_MODULE_NOT_FOUND when select() names a module outside the application', async () => {
    @Module({})
    class Elsewhere {}
    @Module({})
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(() => ctx.select(Elsewhere)).toThrow(
      expect.objectContaining({
        code: 'TENON_CORE_MODULE_NOT_FOUND',
        message:
          'Elsewhere is not a module of this application, so select() cannot look inside it.\n  Modules: AppModule\n  Fix: select one of these (a dynamic module by the object its forRoot() returned, or by its class).',
      }),
    );
  });
});
