import 'reflect-metadata';
import { ConfigModule, Injectable, Module, isModule, type DynamicModule } from '@tenon/core';

describe('isModule', () => {
  @Injectable()
  class Clock {}

  @Module({ providers: [Clock], exports: [Clock] })
  class ClockModule {}

  @Module()
  class EmptyModule {}

  it('is true for classes decorated with @Module(), with or without metadata', () => {
    expect(isModule(ClockModule)).toBe(true);
    expect(isModule(EmptyModule)).toBe(true);
    expect(isModule(ConfigModule)).toBe(true);
  });

  it('is false for providers, plain classes and functions', () => {
    expect(isModule(Clock)).toBe(false);
    expect(isModule(class Plain {})).toBe(false);
    expect(isModule(() => ClockModule)).toBe(false);
  });

  it('is false for a dynamic module object, true for its module class', () => {
    const dynamic: DynamicModule = { module: ClockModule, providers: [] };
    expect(isModule(dynamic)).toBe(false);
    expect(isModule(dynamic.module)).toBe(true);
  });

  it('is false for values that are not functions', () => {
    for (const value of [undefined, null, 0, 'ClockModule', {}, Symbol('m'), [ClockModule]]) {
      expect(isModule(value)).toBe(false);
    }
  });

  // The decorator is not inherited: boot, too, rejects a subclass that is not decorated itself.
  it('is false for a subclass of a module that is not decorated itself', () => {
    class ExtendedModule extends ClockModule {}
    expect(isModule(ExtendedModule)).toBe(false);
  });
});
