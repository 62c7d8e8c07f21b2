import type { DependencyContainer } from 'tsyringe';
import type { ModuleMetadata } from '../module/module-metadata';
import type { Token } from '../metadata/token';
import type { Type } from '../metadata/type';
import type { ProviderRecord } from './provider-record';

/** An export as written, resolved during link. */
export interface ExportEntry {
  index: number;
  token?: Token;
  module?: ModuleRecord;
  /** An exported module that this module does not import, kept to report it. */
  unresolvedModule?: object;
}

/**
 * One module of the graph. Class modules are identified by their class, dynamic modules by
 * the object that `forRoot()` returned: never by hashing their metadata.
 */
export class ModuleRecord {
  readonly imports: ModuleRecord[] = [];
  readonly providers: ProviderRecord[] = [];
  /** Own providers by token; several records only for `multi: true`. */
  readonly own = new Map<Token, ProviderRecord[]>();
  readonly exports: ExportEntry[] = [];
  readonly controllers: Type[] = [];
  /** Filled by instantiate: the tsyringe container that serves this module's view. */
  container: DependencyContainer | undefined = undefined;

  constructor(
    readonly id: number,
    readonly ref: object,
    readonly metatype: Type,
    readonly name: string,
    readonly global: boolean,
    readonly parent: ModuleRecord | undefined,
    readonly metadata: ModuleMetadata,
  ) {}

  /** Module names from the root module to this one. */
  path(): string[] {
    const names: string[] = [];
    names.push(this.name);
    for (let m = this.parent; m; m = m.parent) names.unshift(m.name);
    return names;
  }

  // Initialised here, not on first use, so every module record keeps one shape.
  private tokenList: readonly Token[] | undefined = undefined;

  /** Tokens of the own providers, kept until a provider is added (extensions ask repeatedly). */
  providerTokens(): readonly Token[] {
    return (this.tokenList ??= [...this.own.keys()]);
  }

  /** Removes the own providers of `token` (before link) and returns them. */
  takeProviders(token: Token): ProviderRecord[] {
    const list = this.own.get(token);
    if (!list) return [];
    this.tokenList = undefined;
    this.own.delete(token);
    for (const record of list) this.providers.splice(this.providers.indexOf(record), 1);
    return list;
  }

  addProvider(record: ProviderRecord): void {
    this.tokenList = undefined;
    this.providers.push(record);
    const list = this.own.get(record.token);
    if (list) list.push(record);
    else this.own.set(record.token, [record]);
  }
}
