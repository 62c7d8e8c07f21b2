/** The part of a PGlite instance whose synchronous calls run the embedded server. */
interface PGliteProtocol {
  execProtocolRawSync(message: Uint8Array): unknown;
}

type TimerHost = {
  setTimeout: (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => unknown;
};

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
 * callback of a timer it armed (the SIGALRM handler, which arms the next pending timeout: the
 * flush rescheduled by later statements). For the duration of either, `setTimeout` (looked up on
 * PGlite's own global, which is Node's, not the test file's) is one that unrefs what it makes and
 * wraps its callback the same way. The timers still fire while the process has other work; they
 * just no longer keep it alive on their own. Wrapping only the protocol call was not enough: when
 * the files of a long run (jest runs them all in one process on two cores) kept the process busy
 * past the first flush, its handler armed the next one with Node's own `setTimeout`, and that
 * timer held the process for up to 10 s after the last file.
 */
export function unrefServerTimers<T extends object>(pglite: T): T {
  const instance = pglite as T & PGliteProtocol;
  const original = instance.execProtocolRawSync;
  if (typeof original !== 'function') return pglite;
  // PGlite is loaded by Node's own require, outside jest's sandbox: its `setTimeout` is the
  // global of the realm its class was created in, reached through that realm's Function.
  const realm = (instance.constructor.constructor as FunctionConstructor)('return globalThis')() as TimerHost;
  // Built once: the server makes several protocol calls per statement, every test.
  let nodeSetTimeout: TimerHost['setTimeout'] = realm.setTimeout;
  // The server's own code runs in a timer callback too (its alarm handler re-arms the next timeout).
  const serverCallback = (fn: (...args: unknown[]) => void) =>
    function (this: unknown, ...args: unknown[]): void {
      if (realm.setTimeout === unrefSetTimeout) return fn.apply(this, args);
      nodeSetTimeout = realm.setTimeout;
      realm.setTimeout = unrefSetTimeout;
      try {
        fn.apply(this, args);
      } finally {
        realm.setTimeout = nodeSetTimeout;
      }
    };
  const unrefSetTimeout: TimerHost['setTimeout'] = (fn, ms, ...args) => {
    const timer = nodeSetTimeout(typeof fn === 'function' ? serverCallback(fn) : fn, ms, ...args) as {
      unref?: () => unknown;
    };
    timer.unref?.();
    return timer;
  };
  Object.defineProperty(instance, 'execProtocolRawSync', {
    configurable: true,
    writable: true,
    value(this: PGliteProtocol, message: Uint8Array): unknown {
      if (realm.setTimeout === unrefSetTimeout) return original.call(this, message);
      nodeSetTimeout = realm.setTimeout;
      realm.setTimeout = unrefSetTimeout;
      try {
        return original.call(this, message);
      } finally {
        realm.setTimeout = nodeSetTimeout;
      }
    },
  });
  return pglite;
}
