import 'reflect-metadata';
import { ApplicationContext, Injectable, Module, Scope, type DynamicModule } from '@tenon/core';

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

  it('takeProviders() moves providers out of a module with their definitions; imports lists the imported modules', async () => {
    const SLOT = 'SLOT';
    @Injectable()
    class Dep {}
    const factory = (dep: Dep) => ({ dep });
    @Module({ providers: [Dep, { provide: SLOT, useValue: 1 }], exports: [Dep] })
    class LibModule {}
    @Module({
      imports: [LibModule],
      providers: [
        { provide: SLOT, useClass: Dep },
        { provide: SLOT, useFactory: factory, inject: [Dep] },
        { provide: SLOT, useExisting: Dep },
      ],
    })
    class AppModule {}
    let taken: unknown[] = [];
    let imports: string[] = [];
    const ctx = await ApplicationContext.create(AppModule, {
      extensions: [
        {
          name: 'mover',
          afterScan(graph) {
            const app = graph.modules[0]!;
            imports = app.imports.map((m) => m.name);
            taken = graph.takeProviders(app, SLOT);
            expect(graph.takeProviders(app, SLOT)).toEqual([]);
            expect(app.providerTokens).not.toContain(SLOT);
            graph.addProvider(app, { provide: 'MOVED', useFactory: factory, inject: [Dep] });
          },
        },
      ],
    });
    expect(imports).toEqual(['LibModule']);
    expect(taken).toEqual([
      { provide: SLOT, useClass: Dep, scope: Scope.SINGLETON },
      { provide: SLOT, useFactory: factory, inject: [Dep], scope: Scope.SINGLETON },
      { provide: SLOT, useExisting: Dep },
    ]);
    // The module's own providers of SLOT are gone: the only one left is LibModule's.
    expect(ctx.get(SLOT)).toBe(1);
    expect(ctx.select(AppModule).get<{ dep: Dep }>('MOVED').dep).toBeInstanceOf(Dep);
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
