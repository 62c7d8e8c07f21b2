import { tokenName, type Token } from '../metadata/token';
import { Scope } from '../module/scope';
import { TenonError } from '../errors/tenon.error';
import { CircularDependencyError } from '../errors/circular-dependency.error';
import { DependencyNotExportedError } from '../errors/dependency-not-exported.error';
import { UnknownDependencyError } from '../errors/unknown-dependency.error';
import { readDependencies } from './dependencies';
import { INQUIRER } from './inquirer';
import type { ModuleRecord } from './module-record';
import {
  BIND_INQUIRER,
  BIND_NONE,
  bindMany,
  bindOne,
  type Binding,
  type Dependency,
  type ProviderRecord,
} from './provider-record';
import type { Visibility } from './visibility';

export interface LinkOptions {
  /** Called for a dependency nothing provides; returns a record to use instead of an error. */
  provideMissing?: (token: Token) => ProviderRecord | undefined;
}

export interface LinkResult {
  /** Singletons in an order where every provider comes after what its constructor needs. */
  order: ProviderRecord[];
  /** Modules with their imports first. */
  moduleOrder: ModuleRecord[];
  errors: TenonError[];
  /** True when some provider injects a request-scoped one, or a controller is request-scoped. */
  usesRequestScope: boolean;
}

/**
 * Link: resolves every dependency of every provider against module visibility and finds
 * cycles. Nothing is constructed; all problems are collected so they are reported together.
 */
export function link(
  modules: readonly ModuleRecord[],
  visibility: Visibility,
  options: LinkOptions = {},
): LinkResult {
  const errors: TenonError[] = [];
  const records = modules.flatMap((m) => m.providers);
  let usesRequestScope = false;
  for (const record of records) {
    if (record.isController && record.scope === Scope.REQUEST) usesRequestScope = true;
    try {
      readDependencies(record);
    } catch (error) {
      if (error instanceof TenonError) errors.push(error);
      else throw error;
      continue;
    }
    for (const deps of [record.ctorDeps, record.propDeps]) {
      for (const dep of deps) {
        const binding = bind(record, dep, visibility, options, modules);
        if (binding instanceof TenonError) errors.push(binding);
        else {
          dep.binding = binding;
          if (!usesRequestScope && bindsRequestScoped(binding)) usesRequestScope = true;
        }
      }
    }
    record.edges = hardEdges(record);
  }
  if (errors.length === 0) errors.push(...findCycles(records));
  return {
    order: errors.length ? [] : instantiationOrder(records),
    moduleOrder: moduleOrder(modules),
    errors,
    usesRequestScope,
  };
}

function bindsRequestScoped(binding: Binding): boolean {
  if (binding.kind === 'one') return binding.record.scope === Scope.REQUEST;
  return binding.kind === 'many' && binding.records.some((r) => r.scope === Scope.REQUEST);
}

function bind(
  consumer: ProviderRecord,
  dep: Dependency,
  visibility: Visibility,
  options: LinkOptions,
  modules: readonly ModuleRecord[],
): Binding | TenonError {
  if (dep.token === INQUIRER) return BIND_INQUIRER;
  const found = dep.token === undefined ? null : visibility.lookup(consumer.module, dep.token);
  if (found && found.length) {
    if (found[0]!.multi) return bindMany(found);
    const own = consumer.module.own.get(dep.token!) === found;
    // Within one module the last registration of a token wins, as in a Map.
    return bindOne(own ? found[found.length - 1]! : found[0]!);
  }
  if (dep.optional) return BIND_NONE;
  if (dep.token !== undefined && options.provideMissing) {
    const mock = options.provideMissing(dep.token);
    if (mock) return bindOne(mock);
  }
  const token = dep.token;
  const providers =
    token === undefined ? [] : modules.filter((m) => m !== consumer.module && m.own.has(token));
  const imported = providers.find((m) => consumer.module.imports.includes(m));
  if (imported) return new DependencyNotExportedError(consumer, dep, imported, true);
  const exporters = providers.filter((m) => token !== undefined && visibility.exportedTokens(m).has(token));
  if (exporters.length) return new UnknownDependencyError(consumer, dep, exporters);
  if (providers[0]) return new DependencyNotExportedError(consumer, dep, providers[0], false);
  return new UnknownDependencyError(consumer, dep, []);
}

/** Edges that must be satisfied before a provider can be built. */
export function hardEdges(record: ProviderRecord): ProviderRecord[] {
  const targets: ProviderRecord[] = [];
  for (const dep of record.ctorDeps) {
    if (dep.forward || !dep.binding) continue;
    const list =
      dep.binding.kind === 'one'
        ? [dep.binding.record]
        : dep.binding.kind === 'many'
          ? dep.binding.records
          : [];
    for (const target of list) {
      // A non-request consumer gets a proxy for a request-scoped provider: no edge at boot.
      if (target.scope === Scope.REQUEST && record.scope !== Scope.REQUEST) continue;
      targets.push(target);
    }
  }
  return targets;
}

/*
 * The walks below are iterative over the edges computed once per record: a recursive walk is
 * as deep as the longest dependency chain, and the cold (not yet optimised) recursion was most
 * of link's time on large graphs. They visit in the same order as a recursive depth-first walk.
 */

// Walk marks live on the records (`ProviderRecord.walk`): cheaper than a Map or Set keyed by
// record, and each walk takes fresh numbers so that marks of an earlier walk mean nothing.
let walks = 0;

interface EdgeWalk {
  /** Whether a walk starts at this record (default: every record). */
  startsAt?(record: ProviderRecord): boolean;
  /** An edge back to a record still on the path: `path` from that record to the current one. */
  backEdge?(path: readonly ProviderRecord[], target: ProviderRecord): void;
  /** A record whose edges have all been walked (dependencies before their consumers). */
  finished?(record: ProviderRecord): void;
}

// One depth-first walk over the records' edges, iterative (see above), visiting each record once.
function walkEdges(records: readonly ProviderRecord[], visit: EdgeWalk): void {
  const active = ++walks;
  const finished = ++walks;
  const stack: ProviderRecord[] = [];
  const next: number[] = [];
  for (const root of records) {
    if (root.walk === active || root.walk === finished) continue;
    if (visit.startsAt && !visit.startsAt(root)) continue;
    root.walk = active;
    stack.push(root);
    next.push(0);
    while (stack.length) {
      const top = stack.length - 1;
      const record = stack[top]!;
      const i = next[top]!;
      if (i === record.edges.length) {
        record.walk = finished;
        stack.pop();
        next.pop();
        visit.finished?.(record);
        continue;
      }
      next[top] = i + 1;
      const target = record.edges[i]!;
      if (target.walk === active) visit.backEdge?.(stack.slice(stack.indexOf(target)), target);
      else if (target.walk !== finished) {
        target.walk = active;
        stack.push(target);
        next.push(0);
      }
    }
  }
}

function findCycles(records: readonly ProviderRecord[]): TenonError[] {
  const errors: TenonError[] = [];
  const seen = new Set<string>();
  walkEdges(records, {
    backEdge: (cycle, target) => {
      const key = cycle
        .map((r) => r.name)
        .sort()
        .join('|');
      if (seen.has(key)) return;
      seen.add(key);
      errors.push(
        new CircularDependencyError(
          [...cycle, target].map((r) => tokenName(r.token)),
          target.module.name,
        ),
      );
    },
  });
  return errors;
}

// Called once the graph has no cycle: dependencies come before their consumers.
function instantiationOrder(records: readonly ProviderRecord[]): ProviderRecord[] {
  const order: ProviderRecord[] = [];
  walkEdges(records, {
    startsAt: (record) => record.isSingleton,
    finished: (record) => {
      if (record.isSingleton) order.push(record);
    },
  });
  return order;
}

function moduleOrder(modules: readonly ModuleRecord[]): ModuleRecord[] {
  const done = new Set<ModuleRecord>();
  const order: ModuleRecord[] = [];
  const visit = (m: ModuleRecord): void => {
    if (done.has(m)) return;
    done.add(m);
    for (const imported of m.imports) visit(imported);
    order.push(m);
  };
  for (const m of modules) visit(m);
  return order;
}
