import 'reflect-metadata';
import { bootError } from '../support/boot-error';
import { Injectable, Module } from '@tenon/core';

describe('module errors', () => {
  it('TENON_CORE_UNDEFINED_MODULE_ENTRY for an undefined import says it is usually a circular file import', async () => {
    @Module({ imports: [undefined as never] })
    class FeatureModule {}
    @Module({ imports: [FeatureModule] })
    class AppModule {}
    const error = await bootError(AppModule);
    expect(error.code).toBe('TENON_CORE_UNDEFINED_MODULE_ENTRY');
    expect(error.message).toBe(
      [
        'FeatureModule.imports[0] is undefined.',
        '  Path: AppModule -> FeatureModule',
        '  Cause: the value was not defined yet when @Module() read it. This is the usual symptom of a circular import between files (A imports B while B imports A), or of a missing export from the imported file.',
        '  Fix: check that the entry is exported from its file; if two files import each other, write forwardRef(() => TheModule) in imports.',
      ].join('\n'),
    );
  });

  it('TENON_CORE_UNDEFINED_MODULE_ENTRY for an undefined provider', async () => {
    @Module({ providers: [undefined as never] })
    class AppModule {}
    const error = await bootError(AppModule);
    expect(error.code).toBe('TENON_CORE_UNDEFINED_MODULE_ENTRY');
    expect(error.message.split('\n')[0]).toBe('AppModule.providers[0] is undefined.');
    expect(error.message.split('\n')[3]).toBe(
      '  Fix: check that the entry is exported from its file; if two files import each other, write forwardRef(() => TheModule) in providers (imports only) or move the class to a file of its own.',
    );
  });

  it('TENON_CORE_INVALID_MODULE for a class without @Module, with a hint for providers', async () => {
    @Injectable()
    class UsersService {}
    @Module({ imports: [UsersService] })
    class AppModule {}
    const error = await bootError(AppModule);
    expect(error.code).toBe('TENON_CORE_INVALID_MODULE');
    expect(error.message).toBe(
      [
        'UsersService in AppModule.imports[0] is not a module.',
        '  Path: AppModule',
        '  Cause: imports accept classes decorated with @Module(), dynamic modules ({ module, ... }) and forwardRef(() => Module).',
        '  Fix: UsersService is a provider: move it to providers.',
      ].join('\n'),
    );
    class Plain {}
    const root = await bootError(Plain);
    expect(root.code).toBe('TENON_CORE_INVALID_MODULE');
    expect(root.message.split('\n')[0]).toBe('Plain in the root of the application is not a module.');
    expect(root.message.split('\n')[3]).toBe(
      '  Fix: decorate Plain with @Module({...}), or remove it from imports.',
    );
  });

  it('TENON_CORE_INVALID_PROVIDER describes the shape it got', async () => {
    @Module({ providers: [{ provide: 'X', useVale: 1 } as never] })
    class AppModule {}
    const error = await bootError(AppModule);
    expect(error.code).toBe('TENON_CORE_INVALID_PROVIDER');
    expect(error.message).toBe(
      [
        'AppModule.providers[0] is not a provider: an object with keys provide, useVale.',
        '  Path: AppModule',
        "  Cause: a provider is a class, or an object with 'provide' and exactly one of useClass, useValue, useFactory, useExisting.",
        '  Fix: write e.g. { provide: TOKEN, useValue: value } or list the class itself.',
      ].join('\n'),
    );
  });

  it('TENON_CORE_INVALID_EXPORT for a token the module neither provides nor re-exports, and for a module it does not import', async () => {
    @Injectable()
    class Ghost {}
    @Module({ exports: [Ghost] })
    class AppModule {}
    const error = await bootError(AppModule);
    expect(error.code).toBe('TENON_CORE_INVALID_EXPORT');
    expect(error.message).toBe(
      [
        'AppModule exports Ghost, which it neither provides nor re-exports from an import.',
        '  Path: AppModule',
        '  Fix: add Ghost to AppModule.providers, import a module that exports it, or remove it from AppModule.exports.',
      ].join('\n'),
    );
    @Module({})
    class OtherModule {}
    @Module({ exports: [OtherModule] })
    class Root2 {}
    const second = await bootError(Root2);
    expect(second.message).toBe(
      [
        'Root2 exports OtherModule, a module it does not import.',
        '  Path: Root2',
        '  Fix: add OtherModule to Root2.imports, or remove it from Root2.exports.',
      ].join('\n'),
    );
  });
});
