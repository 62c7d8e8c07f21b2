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
    if (linkRecord(record, visibility, options, modules, errors)) usesRequestScope = true;
  }
  const graph = errors.length === 0 ? edgeGraph(records) : undefined;
  if (graph) errors.push(...findCycles(graph, records));
  return {
    order: graph && errors.length === 0 ? instantiationOrder(graph, records) : [],
    moduleOrder: moduleOrder(modules),
    errors,
    usesRequestScope,
  };
}

/*
 * One record's dependencies, bound; returns whether the record needs request scope. A function of
 * its own rather than the body of link's loop: on Node 24 and later, V8 compiled link's loop
 * with TurboFan while it ran (on-stack replacement, 25 ms and more of compiling at 1,000
 * providers, for a loop that runs once per boot) when the loop held all of this; a loop that
 * only calls this is cheap to compile, and this is compiled like any function called often.
 * Node 20 (no Maglev) pays for that: it compiles this with TurboFan, about 5 ms more CPU at
 * 1,000 providers, on a Node below the packages' `engines`.
 */
function linkRecord(
  record: ProviderRecord,
  visibility: Visibility,
  options: LinkOptions,
  modules: readonly ModuleRecord[],
  errors: TenonError[],
): boolean {
  let usesRequestScope = record.isController && record.scope === Scope.REQUEST;
  try {
    readDependencies(record);
  } catch (error) {
    if (error instanceof TenonError) errors.push(error);
    else throw error;
    return usesRequestScope;
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
  return usesRequestScope;
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
 *
 * They walk numbers, not records: the records' edges as one flat array of indexes, the marks,
 * the path and the position on each edge list in typed arrays. On Node 24 and later, V8
 * (Maglev, then TurboFan while the loop ran) compiled the walk over records and arrays of
 * records, then threw the code away when a record's edge array or the path had another hidden
 * class than the first ones (an empty `[]` and a filled one differ): with the compiling of
 * link's loop below, link took 1.5 to 2 times as long as on Node 20 at 1,000 providers. Typed
 * arrays have one shape.
 */

/** The records, and each one's hard edges as indexes: `targets[start[i]..start[i + 1]]`. */
interface EdgeGraph {
  nodes: ProviderRecord[];
  start: Int32Array;
  targets: Int32Array;
}

/*
 * The loop over the records only calls appendEdges: with the inner loop in its body, V8 on Node 24
 * compiled it while it ran (on-stack replacement, Maglev then TurboFan, for a loop that runs once
 * per boot) and threw the TurboFan code away at Int32Array.from. The typed arrays are made by
 * their constructor, which copies an array without the iterator protocol. About 1.5 ms less CPU
 * per create() at 1,000 providers on Node 24, no change on Node 20.
 */
function edgeGraph(records: readonly ProviderRecord[]): EdgeGraph {
  const nodes = [...records];
  for (let i = 0; i < nodes.length; i++) nodes[i]!.linkIndex = i;
  const flat: number[] = [];
  const start: number[] = [];
  // nodes grows while it is walked: see appendEdges.
  for (let i = 0; i < nodes.length; i++) {
    start.push(flat.length);
    appendEdges(nodes[i]!, nodes, flat);
  }
  start.push(flat.length);
  return { nodes, start: new Int32Array(start), targets: new Int32Array(flat) };
}

/**
 * Appends the indexes of `node`'s edges to `flat`. A record reached only through an edge (a mock
 * of `provideMissing`) is walked too: it is appended to `nodes`. Its index may be one of another
 * container's link, hence the check.
 */
function appendEdges(node: ProviderRecord, nodes: ProviderRecord[], flat: number[]): void {
  for (const target of node.edges) {
    let t = target.linkIndex;
    if (t < 0 || nodes[t] !== target) {
      t = target.linkIndex = nodes.length;
      nodes.push(target);
    }
    flat.push(t);
  }
}

/** What one walk found: records in the order their edges were done, and the edges back. */
interface EdgeWalkResult {
  /** Each record after everything it depends on (when there is no cycle). */
  finished: ProviderRecord[];
  /** Each edge back to a record still on the path: the path from that record, and the record. */
  backEdges: Array<{ path: ProviderRecord[]; target: ProviderRecord }>;
}

const UNSEEN = 0;
const ACTIVE = 1;
const DONE = 2;

/** One depth-first walk from each root in turn (see above), visiting each record once. */
function walkEdges(graph: EdgeGraph, roots: readonly number[]): EdgeWalkResult {
  const { nodes, start, targets } = graph;
  const result: EdgeWalkResult = { finished: [], backEdges: [] };
  const mark = new Uint8Array(nodes.length);
  const stack = new Int32Array(nodes.length);
  const next = new Int32Array(nodes.length);
  for (const root of roots) {
    if (mark[root] !== UNSEEN) continue;
    mark[root] = ACTIVE;
    let top = 0;
    stack[0] = root;
    next[0] = start[root]!;
    while (top >= 0) {
      const node = stack[top]!;
      const edge = next[top]!;
      if (edge === start[node + 1]) {
        mark[node] = DONE;
        top--;
        result.finished.push(nodes[node]!);
        continue;
      }
      next[top] = edge + 1;
      const target = targets[edge]!;
      if (mark[target] === ACTIVE) {
        const path: ProviderRecord[] = [];
        for (let i = stack.lastIndexOf(target, top); i <= top; i++) path.push(nodes[stack[i]!]!);
        result.backEdges.push({ path, target: nodes[target]! });
      } else if (mark[target] === UNSEEN) {
        mark[target] = ACTIVE;
        top++;
        stack[top] = target;
        next[top] = start[target]!;
      }
    }
  }
  return result;
}

function findCycles(graph: EdgeGraph, records: readonly ProviderRecord[]): TenonError[] {
  const errors: TenonError[] = [];
  const seen = new Set<string>();
  const roots = records.map((_, i) => i);
  for (const { path: cycle, target } of walkEdges(graph, roots).backEdges) {
    const key = cycle
      .map((r) => r.name)
      .sort()
      .join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(
      new CircularDependencyError(
        [...cycle, target].map((r) => tokenName(r.token)),
        target.module.name,
      ),
    );
  }
  return errors;
}

// Called once the graph has no cycle: dependencies come before their consumers.
function instantiationOrder(graph: EdgeGraph, records: readonly ProviderRecord[]): ProviderRecord[] {
  const roots: number[] = [];
  records.forEach((record, i) => {
    if (record.isSingleton) roots.push(i);
  });
  return walkEdges(graph, roots).finished.filter((record) => record.isSingleton);
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
