import { createHook } from 'node:async_hooks';

/** The part of a PGlite instance whose synchronous calls run the embedded server. */
interface PGliteProtocol {
  execProtocolRawSync(message: Uint8Array): unknown;
}

type SetTimeout = (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => unknown;

/** Marks the stretches of code in which the embedded server runs. */
interface ServerSections {
  enter(): void;
  exit(): void;
  /** `fn`, run as server code: the timers it arms are unref'd too. */
  wrap(fn: (...args: unknown[]) => void): (...args: unknown[]) => void;
}

// One set of sections per realm, however many instances (or copies of this module: jest loads it
// once per test file) wrap their calls.
const SECTIONS = Symbol.for('@tenon/testing.pglite-server-sections');

type TimerRealm = Record<PropertyKey, unknown> & { [SECTIONS]?: ServerSections };

/**
 * Makes the realm's `setTimeout`, while the server runs, one that unrefs what it makes.
 *
 * The realm's `setTimeout` becomes an accessor, once: outside the server's code it returns the
 * realm's own function (the same object as before, so identity, `name` and `util.promisify` are
 * unchanged for every other caller; an assignment replaces that function), inside it returns the
 * unref-ing one. Entering and leaving a section only counts. Swapping the property on every call
 * instead (two writes) cost about 2 µs per write in a jest worker, whose global objects are slow
 * to write, and a data test makes some forty protocol calls.
 */
function serverSections(realm: TimerRealm): ServerSections {
  const existing = realm[SECTIONS];
  if (existing) return existing;
  const descriptor = Object.getOwnPropertyDescriptor(realm, 'setTimeout');
  let nodeSetTimeout = realm.setTimeout as SetTimeout;
  let depth = 0;
  // The server's code also runs in the callback of a timer it armed: its alarm handler, which
  // arms the next pending timeout (the statistics flush rescheduled by later statements).
  const serverCallback = (fn: (...args: unknown[]) => void) =>
    function (this: unknown, ...args: unknown[]): void {
      depth++;
      try {
        fn.apply(this, args);
      } finally {
        depth--;
      }
    };
  const sections: ServerSections = {
    enter: () => void depth++,
    exit: () => void depth--,
    wrap: serverCallback,
  };
  const unrefSetTimeout: SetTimeout = (fn, ms, ...args) => {
    const timer = nodeSetTimeout(typeof fn === 'function' ? serverCallback(fn) : fn, ms, ...args) as {
      unref?: () => unknown;
    };
    timer.unref?.();
    return timer;
  };
  if (descriptor?.configurable !== true || typeof nodeSetTimeout !== 'function') {
    return sections; // a realm whose setTimeout cannot be redefined: its timers stay as they are
  }
  Object.defineProperty(realm, SECTIONS, { value: sections });
  Object.defineProperty(realm, 'setTimeout', {
    configurable: true,
    enumerable: descriptor.enumerable === true,
    get: () => (depth > 0 ? unrefSetTimeout : nodeSetTimeout),
    set: (value: SetTimeout) => {
      nodeSetTimeout = value;
    },
  });
  return sections;
}

/**
 * Keeps the timers the embedded server arms from holding the process open.
 *
 * Inside PGlite, PostgreSQL arms `setitimer()` timeouts, which Emscripten turns into plain
 * `setTimeout()`s. After most statements the server leaves one armed: the 10-second flush of its
 * activity statistics. `close()` clears it, but the worker's PGlite is shared by every test file
 * the worker runs and is never closed, so after the last file that timer kept jest's process
 * alive ("Jest did not exit one second after the test run has completed") for up to 10 s.
 *
 * The server runs synchronously, in two places: inside `execProtocolRawSync()`, and inside the
 * callback of a timer it armed (the SIGALRM handler, which arms the next pending timeout). For the
 * duration of either, `setTimeout` (looked up on PGlite's own global, which is Node's, not the
 * test file's) is one that unrefs what it makes and wraps its callback the same way. The timers
 * still fire while the process has other work; they just no longer keep it alive on their own.
 * Covering only the protocol call was not enough: when the files of a long run (jest runs them
 * all in one process on two cores) kept the process busy past the first flush, its handler armed
 * the next one with Node's own `setTimeout`, and that timer held the process for up to 10 s after
 * the last file.
 */
export function unrefServerTimers<T extends object>(pglite: T): T {
  const instance = pglite as T & PGliteProtocol;
  const original = instance.execProtocolRawSync;
  if (typeof original !== 'function') return pglite;
  const { enter, exit } = serverSections(realmOf(instance.constructor));
  Object.defineProperty(instance, 'execProtocolRawSync', {
    configurable: true,
    writable: true,
    value(this: PGliteProtocol, message: Uint8Array): unknown {
      enter();
      try {
        return original.call(this, message);
      } finally {
        exit();
      }
    },
  });
  return pglite;
}

// PGlite is loaded by Node's own require, outside jest's sandbox: its `setTimeout` is the global
// of the realm its class was created in, reached through that realm's Function.
function realmOf(engine: Function): TimerRealm {
  return (engine.constructor as FunctionConstructor)('return globalThis')() as TimerRealm;
}

/** What Node's timers are, as far as this module needs. */
interface NodeTimer {
  unref(): unknown;
  _onTimeout?: unknown;
}

// The frame Emscripten's setitimer() shows in a stack: how a timer of the server is told apart
// from the other timers armed while it starts.
const SERVER_TIMER_FRAME = '__setitimer_js';

/**
 * Starts an embedded server whose timers, from its first, never keep the process alive.
 *
 * The server's startup (`callMain`, inside PGlite's own init, before there is an instance to wrap)
 * already arms the 10-second statistics flush. Left as it was, that timer, and the one its
 * handler arms next, kept jest's process alive after the last file. While the server starts, an
 * async hook notes each timer armed from setitimer() (told by its stack, so only for these few
 * hundred milliseconds); afterwards each is unref'd and its callback runs as server code, so the
 * timers it arms are unref'd as well.
 */
export async function startWithUnrefTimers<T extends object>(
  engine: Function,
  start: () => Promise<T>,
): Promise<T> {
  const sections = serverSections(realmOf(engine));
  const armed: NodeTimer[] = [];
  const hook = createHook({
    init(_id, type, _trigger, resource) {
      if (type !== 'Timeout') return;
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 12;
      const stack = new Error().stack ?? '';
      Error.stackTraceLimit = limit;
      if (stack.includes(SERVER_TIMER_FRAME)) armed.push(resource as NodeTimer);
    },
  });
  hook.enable();
  let server: T;
  try {
    server = await start();
  } finally {
    hook.disable();
  }
  for (const timer of armed) {
    timer.unref();
    if (typeof timer._onTimeout === 'function')
      timer._onTimeout = sections.wrap(timer._onTimeout as (...args: unknown[]) => void);
  }
  return unrefServerTimers(server);
}
