import type { Token } from '../metadata/token';
import type { Type } from '../metadata/type';
import type { Provider } from '../module/provider';

/** A module as an extension sees it between scan and link. */
export interface ScannedModule {
  readonly name: string;
  readonly metatype: Type;
  readonly ref: object;
  readonly global: boolean;
  readonly controllers: readonly Type[];
  readonly providerTokens: readonly Token[];
  /** The modules this one imports (overrides applied), in declaration order. */
  readonly imports: readonly ScannedModule[];
}

/** The module graph after scan: extensions may add providers before dependencies are linked. */
export interface ScannedGraph {
  readonly modules: readonly ScannedModule[];
  /** Adds a provider to a module, e.g. a guard class named in a decorator of its controller. */
  addProvider(module: ScannedModule, provider: Provider): void;
  /** Adds a provider visible from every module. */
  addGlobalProvider(provider: Provider): void;
  /**
   * Removes a module's own providers of `token` and gives back their definitions (overrides
   * applied), in declaration order, so an extension can register them otherwise: `@tenon/http`
   * turns `{ provide: APP_GUARD, useClass }` entries into global guards this way.
   */
  takeProviders(module: ScannedModule, token: Token): Provider[];
  /** True when the module can already see the token (own, imported or global). */
  isVisible(module: ScannedModule, token: Token): boolean;
  /** Every token provided anywhere: modules, global providers and Tenon's built-ins. */
  readonly providedTokens: ReadonlySet<Token>;
  /** The keys of `moduleOverrides` that replaced at least one module. */
  readonly appliedModuleOverrides: ReadonlySet<object>;
}

/**
 * How `@tenon/http`, `@tenon/data` and plugins take part in boot without reaching into core.
 *
 * @example
 * const extension: BootExtension = {
 *   name: 'guards',
 *   afterScan(graph) {
 *     for (const m of graph.modules) for (const c of m.controllers) for (const g of guardsOf(c)) graph.addProvider(m, g);
 *   },
 * };
 * await ApplicationContext.create(AppModule, { extensions: [extension] });
 */
export interface BootExtension {
  readonly name: string;
  /** May add providers; runs in extension order. */
  afterScan?(graph: ScannedGraph): void;
  /** Runs once every extension's `afterScan` has, before link: sees every provider. */
  beforeLink?(graph: ScannedGraph): void;
}
