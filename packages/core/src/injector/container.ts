import type { DependencyContainer, InjectionToken as TsyringeToken } from 'tsyringe';
import { tsyringe } from '../loading/lazy-modules';
import { InjectionToken } from '../metadata/injection-token';
import { tokenName, type Token } from '../metadata/token';
import { Scope } from '../module/scope';
import type { Provider } from '../module/provider';
import { BootFailedError } from '../errors/boot-failed.error';
import { InvalidProviderError } from '../errors/invalid-provider.error';
import { ProviderNotFoundError } from '../errors/provider-not-found.error';
import { WrongScopeLookupError } from '../errors/wrong-scope-lookup.error';
import { currentRequestContext, RequestContext } from '../request/request-context';
import type { BootExtension, ScannedGraph, ScannedModule } from '../application/boot-extension';
import { Injector } from './injector';
import { link } from './link';
import { ModuleRecord } from './module-record';
import { definitionOf } from './provider-definition';
import { createProviderRecord, describeShape, type ProviderOverride } from './provider-factory';
import { ProviderRecord } from './provider-record';
import { scanModules } from './scan';
import { Visibility } from './visibility';

/** Tenon's built-in module: the application context, discovery, logging, extension globals. */
class TenonCoreModule {}

export interface ContainerOptions {
  overrides?: ReadonlyMap<unknown, ProviderOverride>;
  moduleOverrides?: ReadonlyMap<object, object>;
  mocker?: (token: Token) => unknown;
  extensions?: readonly BootExtension[];
  /** Providers every module sees (the context itself, discovery, the logger). */
  builtins: Provider[];
}

export interface PhaseTimings {
  scan: number;
  link: number;
  instantiate: number;
  init: number;
}

function key(token: Token): TsyringeToken<unknown> {
  return (token instanceof InjectionToken ? token.key : token) as TsyringeToken<unknown>;
}

/**
 * The module graph of one application and the tsyringe containers behind it: one container
 * per module holding its own singletons, with delegating registrations for what it imports.
 */
export class Container {
  readonly modules: ModuleRecord[];
  readonly root: ModuleRecord;
  readonly core: ModuleRecord;
  readonly injector = new Injector();
  readonly visibility: Visibility;
  order: ProviderRecord[] = [];
  moduleOrder: ModuleRecord[] = [];
  readonly timings: PhaseTimings = { scan: 0, link: 0, instantiate: 0, init: 0 };

  /** Scan and link: every problem is reported before anything is constructed. */
  constructor(rootModule: object, options: ContainerOptions) {
    let t = performance.now();
    const scan = scanModules(rootModule, options);
    this.root = scan.root;
    this.core = new ModuleRecord(
      -1,
      TenonCoreModule,
      TenonCoreModule,
      'TenonCoreModule',
      true,
      undefined,
      {},
    );
    this.modules = [this.core, ...scan.modules];
    const errors = scan.errors;
    const addTo = (module: ModuleRecord, provider: Provider): void => {
      const record = createProviderRecord(provider, module, options.overrides);
      if (!record) {
        errors.push(
          new InvalidProviderError(
            module.name,
            module.providers.length,
            describeShape(provider),
            module.path(),
          ),
        );
        return;
      }
      module.addProvider(record);
      if (module === this.core) module.exports.push({ index: module.exports.length, token: record.token });
    };
    for (const provider of options.builtins) addTo(this.core, provider);
    this.timings.scan = performance.now() - t;

    t = performance.now();
    if (options.extensions?.length) {
      const graph = this.scannedGraph(addTo, scan.appliedModuleOverrides);
      for (const extension of options.extensions) extension.afterScan?.(graph);
      for (const extension of options.extensions) extension.beforeLink?.(graph);
    }
    this.visibility = new Visibility(this.modules, options.moduleOverrides);
    this.visibility.resolveExports(scan.pendingExports, errors);
    const mocks = new Map<Token, ProviderRecord>();
    const mocker = options.mocker;
    const result = link(this.modules, this.visibility, {
      provideMissing: mocker
        ? (token) => {
            let record = mocks.get(token);
            if (!record) {
              record = new ProviderRecord(token, 'factory', Scope.SINGLETON, false, this.core);
              record.useFactory = () => mocker(token);
              this.core.addProvider(record);
              mocks.set(token, record);
            }
            return record;
          }
        : undefined,
    });
    errors.push(...result.errors);
    this.timings.link = performance.now() - t;
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new BootFailedError(errors);
    this.order = result.order;
    this.moduleOrder = result.moduleOrder;
    this.usesRequestScope = result.usesRequestScope;
  }

  /** True when some provider is request-scoped and something injects it (or it is a controller). */
  readonly usesRequestScope: boolean;

  private scopeNeeds?: ReadonlySet<ProviderRecord>;

  /**
   * Whether using `token` as seen from `from` may reach a request-scoped provider: the provider
   * is request-scoped, or something it injects is, directly or through other providers (a
   * singleton's request-scoped dependency is a proxy that needs the current request when used).
   * `false` for a token nothing provides. Computed for the whole graph on the first call.
   */
  needsRequestScope(from: ModuleRecord, token: Token): boolean {
    let records: ProviderRecord[];
    try {
      records = this.find(from, token, false);
    } catch (error) {
      if (error instanceof ProviderNotFoundError) return false;
      throw error;
    }
    const needs = (this.scopeNeeds ??= requestScopeNeeds(this.modules));
    return records.some((r) => needs.has(r));
  }

  private scannedGraph(
    addTo: (module: ModuleRecord, provider: Provider) => void,
    appliedModuleOverrides: ReadonlySet<object>,
  ): ScannedGraph {
    const modules = this.modules;
    const records = new Map<ScannedModule, ModuleRecord>();
    const viewOf = new Map<ModuleRecord, ScannedModule>();
    const views = modules
      .filter((m) => m !== this.core)
      .map((m) => {
        const view: ScannedModule = {
          name: m.name,
          metatype: m.metatype,
          ref: m.ref,
          global: m.global,
          controllers: m.controllers,
          get providerTokens() {
            return m.providerTokens();
          },
          get imports() {
            return m.imports.map((i) => viewOf.get(i)!);
          },
        };
        records.set(view, m);
        viewOf.set(m, view);
        return view;
      });
    const recordOf = (view: ScannedModule): ModuleRecord => {
      const m = records.get(view);
      if (!m) throw new TypeError('addProvider() takes a module from graph.modules');
      return m;
    };
    return {
      modules: views,
      appliedModuleOverrides,
      get providedTokens() {
        return new Set(modules.flatMap((m) => [...m.own.keys()]));
      },
      addProvider: (view, provider) => addTo(recordOf(view), provider),
      addGlobalProvider: (provider) => addTo(this.core, provider),
      takeProviders: (view, token) => recordOf(view).takeProviders(token).map(definitionOf),
      isVisible: (view, token) => {
        const m = recordOf(view);
        if (m.own.has(token) || this.core.own.has(token)) return true;
        // Exports are not resolved yet: approximate with imports' and globals' declarations.
        const declares = (x: ModuleRecord): boolean =>
          (x.metadata.exports ?? []).includes(token as never) && x.own.has(token);
        return m.imports.some(declares) || modules.some((x) => x.global && declares(x));
      },
    };
  }

  /** Instantiate: builds singletons in dependency order. */
  async instantiate(): Promise<void> {
    const t = performance.now();
    await this.injector.instantiate(this.order);
    this.timings.instantiate = performance.now() - t;
  }

  private appContainer?: DependencyContainer;

  /**
   * The tsyringe container that serves `module`'s view, built on the first `get()` that needs
   * it: its own providers, then delegating registrations for what its imports and the global
   * modules export. Most modules are never looked up by hand, so boot builds none of them.
   */
  private containerOf(module: ModuleRecord): DependencyContainer {
    if (module.container) return module.container;
    this.appContainer ??= tsyringe().container.createChildContainer();
    const c = (module.container = this.appContainer.createChildContainer());
    for (const record of module.providers) {
      if (record.multi) continue; // multi tokens are answered from the graph
      if (record.isSingleton && record.created) c.registerInstance(key(record.token), record.instance);
      else
        c.register(key(record.token), {
          useFactory: () => this.injector.build(record, undefined, currentRequestContext()),
        });
    }
    for (const source of [...module.imports, ...this.visibility.globals]) {
      if (source === module) continue;
      for (const token of this.visibility.exportedTokens(source)) {
        const k = key(token);
        if (module.own.has(token) || c.isRegistered(k)) continue;
        const found = this.visibility.exported(source, token);
        if (!found || found[0]!.multi) continue;
        const owner = found[0]!.module;
        c.register(k, { useFactory: () => this.containerOf(owner).resolve(k) });
      }
    }
    return c;
  }

  private find(from: ModuleRecord, token: Token, strict: boolean): ProviderRecord[] {
    const visible = this.visibility.lookup(from, token);
    if (visible?.length) return visible;
    if (!strict) {
      for (const m of this.modules) {
        const own = m.own.get(token);
        if (own?.length) return own;
      }
    }
    throw new ProviderNotFoundError(tokenName(token), from.name, strict);
  }

  /**
   * `get()`: singletons only. A singleton built at boot is answered from its record, which is
   * what the module's tsyringe container would answer (the record of the module that provides
   * the token, the last one registered there) without building the container; the containers
   * serve the rest.
   */
  get(from: ModuleRecord, token: Token, strict: boolean): unknown {
    const records = this.find(from, token, strict);
    if (records[0]!.multi) return records.map((r) => this.singletonValue(r, token));
    const provided = records[0]!.module.own.get(token) ?? records;
    const record = provided[provided.length - 1]!;
    if (!record.isSingleton) throw new WrongScopeLookupError(tokenName(token), record.scope);
    if (record.created) return record.instance;
    const own = this.containerOf(from);
    const c = own.isRegistered(key(token), true) ? own : this.containerOf(record.module);
    return c.resolve(key(token));
  }

  private singletonValue(record: ProviderRecord, token: Token): unknown {
    if (!record.isSingleton) throw new WrongScopeLookupError(tokenName(token), record.scope);
    return record.instance;
  }

  /** `resolve()`: builds transient instances and finds the current request's instance. */
  async resolve(from: ModuleRecord, token: Token, strict: boolean): Promise<unknown> {
    const records = this.find(from, token, strict);
    const one = async (record: ProviderRecord): Promise<unknown> => {
      if (record.isSingleton) return record.instance;
      const ctx = currentRequestContext();
      if (record.scope === Scope.TRANSIENT) return this.injector.build(record, undefined, ctx);
      // Outside a request, resolve() gets an instance of its own, as if in a one-off request.
      return this.injector.requestInstance(record, ctx ?? new RequestContext('resolve'), true);
    };
    if (records[0]!.multi) return Promise.all(records.map(one));
    return one(records[records.length - 1]!);
  }

  moduleByRef(ref: object): ModuleRecord | undefined {
    return this.modules.find((m) => m.ref === ref) ?? this.modules.find((m) => m.metatype === ref);
  }
}

/**
 * Every record that needs a request scope when used: the request-scoped ones, and whatever
 * injects one of those, followed backwards through every binding (constructor, factory and
 * property dependencies, `useExisting`), so cycles through `forwardRef` are no trouble.
 */
function requestScopeNeeds(modules: readonly ModuleRecord[]): Set<ProviderRecord> {
  const consumers = new Map<ProviderRecord, ProviderRecord[]>();
  const needs = new Set<ProviderRecord>();
  const pending: ProviderRecord[] = [];
  for (const m of modules) {
    for (const record of m.providers) {
      if (record.scope === Scope.REQUEST && !needs.has(record)) {
        needs.add(record);
        pending.push(record);
      }
      for (const deps of [record.ctorDeps, record.propDeps]) {
        for (const dep of deps) {
          const binding = dep.binding;
          const targets =
            binding?.kind === 'one' ? [binding.record] : binding?.kind === 'many' ? binding.records : [];
          for (const target of targets) {
            let list = consumers.get(target);
            if (!list) consumers.set(target, (list = []));
            list.push(record);
          }
        }
      }
    }
  }
  while (pending.length > 0) {
    for (const consumer of consumers.get(pending.pop()!) ?? []) {
      if (needs.has(consumer)) continue;
      needs.add(consumer);
      pending.push(consumer);
    }
  }
  return needs;
}
