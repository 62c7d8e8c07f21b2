import { getModuleMetadata } from '../decorators/module.decorator';
import { isForwardReference } from '../metadata/forward-ref';
import { isClass } from '../metadata/type';
import { tokenName, type Token } from '../metadata/token';
import { isDynamicModule } from '../module/module-metadata';
import type { TenonError } from '../errors/tenon.error';
import { InvalidExportError } from '../errors/invalid-export.error';
import { UndefinedModuleEntryError } from '../errors/undefined-module-entry.error';
import type { ModuleRecord } from './module-record';
import type { ProviderRecord } from './provider-record';
import { moduleOverride, type PendingExport } from './scan';

/**
 * Answers "which providers does module M see under token T?": its own providers, what its
 * imports export (following re-exported modules), then what global modules export.
 */
export class Visibility {
  private readonly exportMemo = new Map<ModuleRecord, Map<Token, ProviderRecord[] | null>>();
  private readonly exportedTokenMemo = new Map<ModuleRecord, Set<Token>>();
  readonly globals: ModuleRecord[];

  constructor(
    readonly modules: readonly ModuleRecord[],
    moduleOverrides?: ReadonlyMap<object, object>,
  ) {
    this.globals = modules.filter((m) => m.global);
    this.overrides = moduleOverrides;
  }

  private readonly overrides?: ReadonlyMap<object, object>;

  /** Resolves export entries; reports exports of things a module neither has nor imports. */
  resolveExports(pending: readonly PendingExport[], errors: TenonError[]): void {
    for (const { module, raw, index } of pending) {
      let value = isForwardReference(raw) ? raw.forwardRef() : raw;
      if (value !== undefined && value !== null)
        value = moduleOverride(value as object, this.overrides)?.replacement ?? value;
      if (value === undefined || value === null) {
        errors.push(new UndefinedModuleEntryError(module.name, 'exports', index, module.path()));
        continue;
      }
      const target = isDynamicModule(value) ? value.module : value;
      // A provider of the module first: the common case, answered without reading metadata.
      if (!module.own.has(target as Token) && isClass(target) && getModuleMetadata(target)) {
        // An exported module must be one of the imports; a bare class also matches an
        // imported dynamic module of that class (`exports: [ConfigModule]`).
        const imported = module.imports.find(
          (m) => m.ref === value || (!isDynamicModule(value) && m.metatype === value),
        );
        if (!imported)
          errors.push(new InvalidExportError(module.name, tokenName(value), module.path(), true));
        else module.exports.push({ index, module: imported });
        continue;
      }
      const token = value as Token;
      module.exports.push({ index, token });
    }
    for (const module of this.modules) {
      for (const entry of module.exports) {
        if (
          entry.token !== undefined &&
          !module.own.has(entry.token) &&
          !this.fromImports(module, entry.token)
        ) {
          errors.push(new InvalidExportError(module.name, tokenName(entry.token), module.path(), false));
        }
      }
    }
  }

  /** What `module` exports under `token`, or null. */
  exported(module: ModuleRecord, token: Token): ProviderRecord[] | null {
    let memo = this.exportMemo.get(module);
    if (!memo) this.exportMemo.set(module, (memo = new Map()));
    if (memo.has(token)) return memo.get(token)!;
    memo.set(token, null); // guards against import cycles between modules
    let found: ProviderRecord[] | null = null;
    for (const entry of module.exports) {
      if (entry.token === token) found = module.own.get(token) ?? this.fromImports(module, token);
      else if (entry.module) found = this.exported(entry.module, token);
      if (found) break;
    }
    memo.set(token, found);
    return found;
  }

  private fromImports(module: ModuleRecord, token: Token): ProviderRecord[] | null {
    let all: ProviderRecord[] | null = null;
    for (const imported of module.imports) {
      const found = this.exported(imported, token);
      if (found) all = all ? [...all, ...found] : found;
    }
    return all;
  }

  /** Every provider of `token` that `module` can see, nearest first. */
  lookup(module: ModuleRecord, token: Token): ProviderRecord[] | null {
    const own = module.own.get(token);
    // Own providers shadow imported ones, except for multi providers, which accumulate.
    if (own && !own[0]!.multi) return own;
    let all = own ?? null;
    const add = (found: ProviderRecord[] | null): void => {
      if (found) all = all ? [...all, ...found.filter((r) => !all!.includes(r))] : found;
    };
    add(this.fromImports(module, token));
    if (all && !(all as ProviderRecord[])[0]!.multi) return all;
    for (const g of this.globals) if (g !== module) add(this.exported(g, token));
    return all;
  }

  /** Every token a module exports, following re-exported modules. */
  exportedTokens(module: ModuleRecord): Set<Token> {
    const memo = this.exportedTokenMemo.get(module);
    if (memo) return memo;
    const tokens = new Set<Token>();
    this.exportedTokenMemo.set(module, tokens);
    for (const entry of module.exports) {
      if (entry.token !== undefined) tokens.add(entry.token);
      else if (entry.module) for (const t of this.exportedTokens(entry.module)) tokens.add(t);
    }
    return tokens;
  }
}
