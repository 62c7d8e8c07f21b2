import { startWithUnrefTimers, unrefServerTimers } from '../../src/database/pglite-timers';

type Timer = ReturnType<typeof setTimeout>;

/**
 * Stands in for PGlite's embedded server: a protocol call arms an alarm with the global
 * `setTimeout` (as Emscripten's setitimer does), and the alarm's handler arms the next one, as
 * PostgreSQL's SIGALRM handler does for the next pending timeout.
 */
class FakeServer {
  readonly timers: Timer[] = [];

  execProtocolRawSync(message: Uint8Array): Uint8Array {
    this.arm(10);
    return message;
  }

  private arm(ms: number): void {
    if (this.timers.length < 3) this.timers.push(globalThis.setTimeout(() => this.arm(60_000), ms));
  }
}

describe('unrefServerTimers', () => {
  let server: FakeServer;

  afterEach(() => server.timers.forEach((timer) => clearTimeout(timer)));

  it('unrefs the timers the server arms in a protocol call', () => {
    server = unrefServerTimers(new FakeServer());
    server.execProtocolRawSync(new Uint8Array(1));
    expect(server.timers.map((timer) => timer.hasRef())).toEqual([false]);
  });

  // A long run keeps the process busy past the first alarm: the timer its handler arms must not
  // keep the process alive after the last test file either.
  it('unrefs the timers the server arms when one of its alarms fires', async () => {
    server = unrefServerTimers(new FakeServer());
    const setTimeoutBefore = globalThis.setTimeout;
    server.execProtocolRawSync(new Uint8Array(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.timers.map((timer) => timer.hasRef())).toEqual([false, false]);
    // The unref-ing setTimeout exists only while the server's code runs.
    expect(globalThis.setTimeout).toBe(setTimeoutBefore);
  });

  it("leaves the realm's setTimeout as it was for every other caller", () => {
    const setTimeoutBefore = globalThis.setTimeout;
    server = unrefServerTimers(new FakeServer());
    unrefServerTimers(new FakeServer()); // a second instance in the same realm shares the switch
    expect(globalThis.setTimeout).toBe(setTimeoutBefore);
    const own = setTimeout(() => undefined, 60_000);
    expect(own.hasRef()).toBe(true);
    clearTimeout(own);
  });

  it('leaves a server without the synchronous protocol call as it is', () => {
    const other = { exec: () => undefined };
    expect(unrefServerTimers(other)).toEqual({ exec: other.exec });
  });
});

describe('startWithUnrefTimers', () => {
  const timers: Timer[] = [];
  afterEach(() => timers.splice(0).forEach((timer) => clearTimeout(timer)));

  // Named as Emscripten names it: the frame that tells a server timer from the others.
  function __setitimer_js(ms: number, then?: () => void): Timer {
    const timer = setTimeout(() => then?.(), ms);
    timers.push(timer);
    return timer;
  }

  it('unrefs the timers the server arms while it starts, and those their handlers arm', async () => {
    let unrelated: Timer | undefined;
    const server = await startWithUnrefTimers(FakeServer, async () => {
      // PostgreSQL's startup arms the statistics flush; its handler arms the next alarm.
      __setitimer_js(10, () => void __setitimer_js(60_000));
      unrelated = setTimeout(() => undefined, 60_000);
      timers.push(unrelated);
      await new Promise((resolve) => setImmediate(resolve));
      return new FakeServer();
    });
    expect(server).toBeInstanceOf(FakeServer);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(timers.map((timer) => timer.hasRef())).toEqual([false, true, false]);
    expect(unrelated!.hasRef()).toBe(true);
  });

  it('passes a failed start on', async () => {
    await expect(
      startWithUnrefTimers(FakeServer, () => Promise.reject(new Error('no data directory'))),
    ).rejects.toThrow('no data directory');
  });
});
