import 'reflect-metadata';
import { bootError } from '../support/boot-error';
import { Inject, Injectable, InjectionToken, Module, TenonError, forwardRef } from '@tenon/core';

describe('dependency errors', () => {
  it('TENON_CORE_UNKNOWN_DEPENDENCY names token, parameter, type, module, path and fix', async () => {
    @Injectable()
    class PaymentsClient {}
    @Injectable()
    class OrdersService {
      constructor(readonly payments: PaymentsClient) {}
    }
    @Module({ providers: [OrdersService] })
    class OrdersModule {}
    @Module({ imports: [OrdersModule] })
    class AppModule {}
    const error = await bootError(AppModule);
    expect(error.code).toBe('TENON_CORE_UNKNOWN_DEPENDENCY');
    expect(error.message).toBe(
      [
        'Cannot resolve PaymentsClient, parameter #0 of OrdersService (type PaymentsClient), in OrdersModule.',
        '  Path: AppModule -> OrdersModule -> OrdersService -> PaymentsClient',
        '  Cause: no module visible from OrdersModule provides PaymentsClient.',
        '  Fix: add PaymentsClient to OrdersModule.providers, or import the module that provides and exports it, or mark the dependency @Optional().',
      ].join('\n'),
    );
  });

  it('TENON_CORE_UNKNOWN_DEPENDENCY says which module to import when another module exports the token', async () => {
    const API_KEY = new InjectionToken<string>('API_KEY');
    @Module({ providers: [{ provide: API_KEY, useValue: 'k' }], exports: [API_KEY] })
    class KeysModule {}
    @Injectable()
    class Client {
      constructor(@Inject(API_KEY) readonly key: string) {}
    }
    @Module({ providers: [Client] })
    class ClientModule {}
    @Module({ imports: [KeysModule, ClientModule] })
    class AppModule {}
    const error = await bootError(AppModule);
    expect(error.code).toBe('TENON_CORE_UNKNOWN_DEPENDENCY');
    expect(error.message).toBe(
      [
        'Cannot resolve InjectionToken(API_KEY), parameter #0 of Client (type String), in ClientModule.',
        '  Path: AppModule -> ClientModule -> Client -> InjectionToken(API_KEY)',
        '  Cause: KeysModule provides and exports InjectionToken(API_KEY), but ClientModule does not import KeysModule.',
        '  Fix: add KeysModule to ClientModule.imports.',
      ].join('\n'),
    );
  });

  it('prints string and symbol tokens as written, and factory arguments and properties by position', async () => {
    @Injectable()
    class Svc {
      @Inject(Symbol.for('clock')) readonly clock!: unknown;
    }
    @Module({ providers: [Svc, { provide: 'DB', useFactory: (url: string) => url, inject: ['DB_URL'] }] })
    class AppModule {}
    const error = await bootError(AppModule);
    expect(error.code).toBe('TENON_CORE_BOOT_FAILED');
    expect(error.message).toBe(
      [
        'The application cannot start: 2 problems were found before any constructor ran.',
        '',
        "1. [TENON_CORE_UNKNOWN_DEPENDENCY] Cannot resolve Symbol(clock), property 'clock' of Svc, in AppModule.",
        '  Path: AppModule -> Svc -> Symbol(clock)',
        '  Cause: no module visible from AppModule provides Symbol(clock).',
        '  Fix: add Symbol(clock) to AppModule.providers, or import the module that provides and exports it, or mark the dependency @Optional().',
        '',
        "2. [TENON_CORE_UNKNOWN_DEPENDENCY] Cannot resolve 'DB_URL', argument #0 of the factory of 'DB', in AppModule.",
        "  Path: AppModule -> 'DB' -> 'DB_URL'",
        "  Cause: no module visible from AppModule provides 'DB_URL'.",
        "  Fix: add 'DB_URL' to AppModule.providers, or import the module that provides and exports it, or mark the dependency @Optional().",
      ].join('\n'),
    );
    expect((error as unknown as { errors: TenonError[] }).errors.map((e) => e.code)).toEqual([
      'TENON_CORE_UNKNOWN_DEPENDENCY',
      'TENON_CORE_UNKNOWN_DEPENDENCY',
    ]);
  });

  it('explains interface-typed parameters (design type Object)', async () => {
    interface Mailer {
      send(): void;
    }
    @Injectable()
    class Notifier {
      constructor(readonly mailer: Mailer) {}
    }
    @Module({ providers: [Notifier] })
    class AppModule {}
    const error = await bootError(AppModule);
    expect(error.code).toBe('TENON_CORE_UNKNOWN_DEPENDENCY');
    expect(error.message).toBe(
      [
        'Cannot resolve Object, parameter #0 of Notifier (type Object), in AppModule.',
        '  Path: AppModule -> Notifier -> Object',
        "  Cause: the parameter's type is Object, which is what TypeScript records for interfaces, union types, primitives and type aliases: there is no class to look up.",
        '  Fix: give the parameter an explicit token, e.g. @Inject(MY_TOKEN) with { provide: MY_TOKEN, useValue: ... } in AppModule.providers, or mark it @Optional().',
      ].join('\n'),
    );
  });

  it('explains an undefined parameter type (circular file import) and points to forwardRef', async () => {
    @Injectable()
    class Late {}
    @Injectable()
    class Early {
      constructor(readonly late: Late) {}
    }
    // What a circular file import leaves behind: the type was not defined when metadata was written.
    Reflect.defineMetadata('design:paramtypes', [undefined], Early);
    @Module({ providers: [Early, Late] })
    class AppModule {}
    const error = await bootError(AppModule);
    expect(error.code).toBe('TENON_CORE_UNKNOWN_DEPENDENCY');
    expect(error.message).toBe(
      [
        'Cannot resolve undefined, parameter #0 of Early (type undefined), in AppModule.',
        '  Path: AppModule -> Early -> undefined',
        '  Cause: the type of this parameter was undefined when the decorators ran. This is the usual symptom of a circular import between files: one class is used before its file finished loading.',
        '  Fix: use @Inject(forwardRef(() => TheClass)) on this parameter, or move the shared code so the two files no longer import each other.',
      ].join('\n'),
    );
  });

  it('TENON_CORE_DEPENDENCY_NOT_EXPORTED names the module to export from', async () => {
    @Injectable()
    class PaymentsClient {}
    @Module({ providers: [PaymentsClient] })
    class PaymentsModule {}
    @Injectable()
    class OrdersService {
      constructor(readonly payments: PaymentsClient) {}
    }
    @Module({ imports: [PaymentsModule], providers: [OrdersService] })
    class OrdersModule {}
    @Module({ imports: [OrdersModule] })
    class AppModule {}
    const error = await bootError(AppModule);
    expect(error.code).toBe('TENON_CORE_DEPENDENCY_NOT_EXPORTED');
    expect(error.message).toBe(
      [
        'Cannot resolve PaymentsClient, parameter #0 of OrdersService (type PaymentsClient), in OrdersModule.',
        '  Path: AppModule -> OrdersModule -> OrdersService -> PaymentsClient',
        '  Cause: PaymentsModule provides PaymentsClient but does not export it.',
        '  Fix: add PaymentsClient to PaymentsModule.exports.',
      ].join('\n'),
    );
  });

  it('TENON_CORE_DEPENDENCY_NOT_EXPORTED when the provider is neither exported nor imported', async () => {
    @Injectable()
    class Secret {}
    @Module({ providers: [Secret] })
    class VaultModule {}
    @Injectable()
    class Reader {
      constructor(readonly secret: Secret) {}
    }
    @Module({ imports: [VaultModule], providers: [Reader] })
    class AppModule {}
    @Module({ imports: [AppModule] })
    class RootModule {}
    const error = await bootError(RootModule);
    expect(error.message).toContain('Cause: VaultModule provides Secret but does not export it.');
    @Module({ providers: [Reader] })
    class OtherModule {}
    @Module({ imports: [VaultModule, OtherModule] })
    class Root2 {}
    const second = await bootError(Root2);
    expect(second.code).toBe('TENON_CORE_DEPENDENCY_NOT_EXPORTED');
    expect(second.message).toContain(
      'Cause: VaultModule provides Secret but neither exports it nor is imported by OtherModule.',
    );
    expect(second.message).toContain(
      'Fix: add Secret to VaultModule.exports and VaultModule to OtherModule.imports.',
    );
  });

  it('TENON_CORE_CIRCULAR_DEPENDENCY prints the cycle', async () => {
    @Injectable()
    class A {
      constructor(@Inject(forwardRef(() => C)) readonly c: unknown) {}
    }
    @Injectable()
    class B {
      constructor(readonly a: A) {}
    }
    @Injectable()
    class C {
      constructor(readonly b: B) {}
    }
    // Without forwardRef on A: A -> C -> B -> A.
    Reflect.defineMetadata('tenon:inject:params', new Map([[0, 'C']]), A);
    @Module({ providers: [A, B, { provide: 'C', useExisting: C }, C] })
    class AppModule {}
    const error = await bootError(AppModule);
    expect(error.code).toBe('TENON_CORE_CIRCULAR_DEPENDENCY');
    expect(error.message).toBe(
      [
        "Circular dependency between providers: A -> 'C' -> C -> B -> A.",
        '  Where: AppModule',
        '  Cause: each constructor needs an instance the other builds, so neither can go first.',
        "  Fix: move what both need into a third provider; or, if one side only uses the other after construction, inject it with @Inject(forwardRef(() => 'C')) or as an @Inject() property.",
      ].join('\n'),
    );
  });

  it('TENON_CORE_MISSING_DESIGN_METADATA names the causes and the build tools', async () => {
    class NoDecorator {
      constructor(readonly dep: unknown) {}
    }
    @Module({ providers: [NoDecorator] })
    class AppModule {}
    const error = await bootError(AppModule);
    expect(error.code).toBe('TENON_CORE_MISSING_DESIGN_METADATA');
    expect(error.message).toBe(
      [
        'Cannot see the constructor parameter types of NoDecorator (1 parameter) in AppModule.',
        '  Path: AppModule -> NoDecorator',
        '  Cause: TypeScript decorator metadata (design:paramtypes) was not emitted for NoDecorator. Either the class lacks @Injectable() (types are only recorded for decorated classes), or it was compiled by a tool that does not emit decorator metadata: esbuild, tsx, Vite/Vitest without an swc plugin, Bun.',
        '  Fix: add @Injectable() to NoDecorator; compile with "emitDecoratorMetadata": true (tsc, ts-node, @swc/jest or swc with jsc.transform.decoratorMetadata); or give every parameter an explicit @Inject(token).',
      ].join('\n'),
    );
  });

  it('prints anonymous classes and forward references readably', async () => {
    const Anonymous = (() => class {})();
    Injectable()(Anonymous);
    @Injectable()
    class Holder {
      constructor(@Inject(forwardRef(() => Anonymous)) readonly a: unknown) {}
    }
    @Module({ providers: [Holder] })
    class AppModule {}
    const error = await bootError(AppModule);
    expect(error.code).toBe('TENON_CORE_UNKNOWN_DEPENDENCY');
    expect(error.message.split('\n').slice(0, 2)).toEqual([
      'Cannot resolve <anonymous class>, parameter #0 of Holder (type Object), in AppModule.',
      '  Path: AppModule -> Holder -> <anonymous class>',
    ]);
  });

  it('reports all link errors together, before any constructor runs', async () => {
    const built: string[] = [];
    @Injectable()
    class Ok {
      constructor() {
        built.push('Ok');
      }
    }
    @Injectable()
    class Bad1 {
      constructor(@Inject('nope1') readonly x: unknown) {}
    }
    @Injectable()
    class Bad2 {
      constructor(@Inject('nope2') readonly x: unknown) {}
    }
    @Module({ providers: [Ok, Bad1, Bad2, undefined as never] })
    class AppModule {}
    const error = await bootError(AppModule);
    expect(error.code).toBe('TENON_CORE_BOOT_FAILED');
    expect((error as unknown as { errors: TenonError[] }).errors.map((e) => e.code)).toEqual([
      'TENON_CORE_UNDEFINED_MODULE_ENTRY',
      'TENON_CORE_UNKNOWN_DEPENDENCY',
      'TENON_CORE_UNKNOWN_DEPENDENCY',
    ]);
    expect(built).toEqual([]);
  });
});
