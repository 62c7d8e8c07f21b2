/**
 * A FIFO lock over the one connection of a single-connection engine (PGlite, SQLite). A
 * transaction holds it from `begin` to `commit`/`rollback`; a plain query holds it for one
 * statement. Kysely's PGlite driver has no such lock (it routes every query into the open
 * transaction), so without this a concurrent request's query would silently join, and roll
 * back with, someone else's transaction.
 */
export class ConnectionGate {
  private holder: object | undefined;
  private readonly waiters: Array<{ key: object; resolve: () => void }> = [];

  /** Who holds the connection now: a transaction object, or a plain query's key. */
  get current(): object | undefined {
    return this.holder;
  }

  /**
   * Takes the connection for `key`: `undefined` when it was free and is now held (no promise,
   * so the common uncontended case costs no microtask), or a promise that resolves once it is
   * handed over.
   */
  acquire(key: object): Promise<void> | undefined {
    if (this.holder === undefined) {
      this.holder = key;
      return undefined;
    }
    return new Promise((resolve) => this.waiters.push({ key, resolve }));
  }

  release(): void {
    const next = this.waiters.shift();
    // Hand over before waking the waiter, so nobody can slip in between.
    this.holder = next?.key;
    next?.resolve();
  }
}
