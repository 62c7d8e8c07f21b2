import { Injectable, Module, type Type } from '@tenon/core';

export interface GraphShape {
  modules: number;
  providersPerModule: number;
}

/**
 * Builds an app of `modules` x `providersPerModule` providers. Each provider needs one or two
 * others: an earlier provider of its own module, and for some an export of the previous module.
 * Classes are generated at run time, so the metadata TypeScript would emit is written directly.
 */
export function generateGraph({ modules, providersPerModule }: GraphShape): Type {
  const built: Type[] = [];
  let previousExports: Type[] = [];
  for (let m = 0; m < modules; m++) {
    const providers: Type[] = [];
    for (let p = 0; p < providersPerModule; p++) {
      const deps: Type[] = [];
      if (p > 0) deps.push(providers[(p * 7) % p]!);
      if (previousExports.length && p % 3 === 0) deps.push(previousExports[p % previousExports.length]!);
      const cls = class {
        constructor(...args: unknown[]) {
          (this as { deps?: unknown[] }).deps = args;
        }
      };
      Object.defineProperty(cls, 'name', { value: `M${m}P${p}` });
      Injectable()(cls);
      Reflect.defineMetadata('design:paramtypes', deps, cls);
      providers.push(cls as unknown as Type);
    }
    const exports = providers.slice(0, 2);
    const imports = m > 0 ? [built[m - 1]!] : [];
    const mod = class {};
    Object.defineProperty(mod, 'name', { value: `Module${m}` });
    Module({ imports, providers, exports })(mod);
    built.push(mod as unknown as Type);
    previousExports = exports;
  }
  const root = class {};
  Object.defineProperty(root, 'name', { value: 'AppModule' });
  Module({ imports: built })(root);
  return root as unknown as Type;
}
