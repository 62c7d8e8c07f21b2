import { AsyncLocalStorage } from 'node:async_hooks';
import type { Token } from '../metadata/token';

let liveContexts = 0;
// Counts contexts that were opened and not yet collected, so a soak test can prove that no
// request keeps its context alive after it ended. Off by default: registering every context
// with a FinalizationRegistry is a measurable share of a small request.
let collected: FinalizationRegistry<void> | undefined;

/**
 * Starts counting live request contexts (see `liveRequestContextCount`). Also switched on by
 * the environment variable `TENON_TRACK_REQUEST_CONTEXTS=1`.
 *
 * @example
 * trackRequestContexts();
 * // ... load ...
 * global.gc?.(); console.log(liveRequestContextCount());
 */
export function trackRequestContexts(): void {
  collected ??= new FinalizationRegistry<void>(() => {
    liveContexts--;
  });
}

if (process.env.TENON_TRACK_REQUEST_CONTEXTS === '1') trackRequestContexts();

/** Values seeded when a scope is opened: pairs as given (usually one or two), or a map. */
export type RequestValues = ReadonlyMap<Token, unknown> | readonly (readonly [Token, unknown])[];

// Stands for a request-scoped instance that is `undefined`, so that an empty slot means "not built".
const UNDEFINED_INSTANCE: unique symbol = Symbol('undefined instance');

/**
 * The state of one request (or job): its id, the request-scoped instances created so far, and
 * values seeded by whoever opened the scope (the HTTP layer seeds `REQUEST`).
 *
 * Every request opens one, most resolve nothing request-scoped: so nothing is allocated here
 * beyond the object itself until something is asked of it (instances live in an array indexed
 * by a slot each request-scoped provider gets once, log bindings are built on first log line).
 */
export class RequestContext {
  private slots: unknown[] | undefined = undefined;
  private bindings: Record<string, unknown> | undefined;

  constructor(
    readonly id: string,
    private readonly values: RequestValues | undefined = undefined,
    logBindings?: Record<string, unknown>,
  ) {
    this.bindings = logBindings;
    if (collected) {
      liveContexts++;
      collected.register(this);
    }
  }

  /** Fields every log line written inside this context carries (e.g. `reqId`). */
  get logBindings(): Record<string, unknown> {
    return (this.bindings ??= { reqId: this.id });
  }

  /** A value seeded when the scope was opened. */
  has(token: Token): boolean {
    const values = this.values;
    if (values === undefined) return false;
    if (!isPairs(values)) return values.has(token);
    for (let i = 0; i < values.length; i++) if (values[i]![0] === token) return true;
    return false;
  }

  get<T>(token: Token<T>): T | undefined {
    const values = this.values;
    if (values === undefined) return undefined;
    if (!isPairs(values)) return values.get(token) as T | undefined;
    for (let i = 0; i < values.length; i++) if (values[i]![0] === token) return values[i]![1] as T;
    return undefined;
  }

  /**
   * The instance stored in `slot`, or `NOT_BUILT`. Slots belong to the injector: each
   * request-scoped provider has one (internal).
   */
  instanceAt(slot: number): unknown {
    const slots = this.slots;
    if (slots === undefined || slot >= slots.length) return NOT_BUILT;
    const value = slots[slot];
    return value === undefined ? NOT_BUILT : value === UNDEFINED_INSTANCE ? undefined : value;
  }

  /** Stores the instance of the provider that owns `slot` (internal). */
  setInstanceAt(slot: number, value: unknown): void {
    const slots = (this.slots ??= []);
    // Fill the gap so the array stays packed: holes would make every read a slow lookup.
    while (slots.length < slot) slots.push(undefined);
    slots[slot] = value === undefined ? UNDEFINED_INSTANCE : value;
  }
}

/** What `instanceAt()` answers for a provider not built in this context yet. */
export const NOT_BUILT: unique symbol = Symbol('not built');

function isPairs(values: RequestValues): values is readonly (readonly [Token, unknown])[] {
  return Array.isArray(values);
}

const storage = new AsyncLocalStorage<RequestContext>();
let sequence = 0;

/** The context of the request being handled, or `undefined` outside any request. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

export interface RequestScopeOptions {
  /** The request id; generated when absent. */
  id?: string;
  /** Values visible to request-scoped providers of this request, by token. */
  values?: Iterable<readonly [Token, unknown]>;
  /** Extra fields bound into every log line of this request. */
  logBindings?: Record<string, unknown>;
}

/**
 * Runs `fn` inside a new request context. `values` given as an array is kept, not copied: the
 * HTTP layer passes a fresh one per request.
 */
export function runInRequestContext<R>(fn: () => R, options?: RequestScopeOptions): R {
  if (options === undefined) return storage.run(new RequestContext(`req-${(++sequence).toString(36)}`), fn);
  const id = options.id ?? `req-${(++sequence).toString(36)}`;
  const given = options.values;
  const values =
    given === undefined || Array.isArray(given)
      ? (given as readonly (readonly [Token, unknown])[] | undefined)
      : new Map<Token, unknown>(given as Iterable<[Token, unknown]>);
  const bindings = options.logBindings ? { reqId: id, ...options.logBindings } : undefined;
  return storage.run(new RequestContext(id, values, bindings), fn);
}

/**
 * How many request contexts exist and have not been garbage-collected, counted since
 * `trackRequestContexts()` was called; `undefined` while counting is off.
 */
export function liveRequestContextCount(): number | undefined {
  return collected ? liveContexts : undefined;
}
