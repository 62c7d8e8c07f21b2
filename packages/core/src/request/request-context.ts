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

/**
 * The state of one request (or job): its id, the request-scoped instances created so far, and
 * values seeded by whoever opened the scope (the HTTP layer seeds `REQUEST`).
 */
export class RequestContext {
  /** Request-scoped instances, keyed by their provider record. */
  readonly instances = new Map<object, unknown>();
  /** Fields every log line written inside this context carries (e.g. `reqId`). */
  readonly logBindings: Record<string, unknown>;

  constructor(
    readonly id: string,
    private readonly values: ReadonlyMap<Token, unknown> = new Map(),
    logBindings?: Record<string, unknown>,
  ) {
    this.logBindings = logBindings ?? { reqId: id };
    if (collected) {
      liveContexts++;
      collected.register(this);
    }
  }

  /** A value seeded when the scope was opened. */
  has(token: Token): boolean {
    return this.values.has(token);
  }

  get<T>(token: Token<T>): T | undefined {
    return this.values.get(token) as T | undefined;
  }
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

/** Runs `fn` inside a new request context. */
export function runInRequestContext<R>(fn: () => R, options: RequestScopeOptions = {}): R {
  const id = options.id ?? `req-${(++sequence).toString(36)}`;
  const values = options.values
    ? new Map<Token, unknown>(options.values as Iterable<[Token, unknown]>)
    : undefined;
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
