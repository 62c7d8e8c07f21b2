/**
 * The named statements prepared on one PGlite session, most recently used last. Bounded, since
 * an application that builds SQL text dynamically (an `IN` list of varying length, say) would
 * otherwise prepare without end: past the limit the least recently used statement is closed.
 */
export class StatementCache {
  private readonly names = new Map<string, string>();
  private next = 0;
  // Several databases may share one PGlite session (a caller's instance, @tenon/testing's one
  // per jest worker, whose test files each load their own copy of this package): the names of
  // each cache are its own.
  private readonly prefix = `tenon_${Math.random().toString(36).slice(2, 10)}_`;
  /** Statements evicted or invalidated, to close on the session before the next statement. */
  private stale: string[] = [];

  constructor(private readonly limit: number) {}

  /** The name `text` is prepared under, refreshed as the most recently used, or undefined. */
  get(text: string): string | undefined {
    const name = this.names.get(text);
    if (name !== undefined) {
      this.names.delete(text);
      this.names.set(text, name);
    }
    return name;
  }

  /**
   * A new name, recorded once the session has prepared it (see `remember`). At the limit, the
   * least recently used statement makes room now, so that its Close goes with this statement.
   */
  newName(): string {
    if (this.names.size >= this.limit) {
      const [oldest, oldestName] = this.names.entries().next().value as [string, string];
      this.names.delete(oldest);
      this.stale.push(oldestName);
    }
    return `${this.prefix}${++this.next}`;
  }

  remember(text: string, name: string): void {
    this.names.set(text, name);
  }

  /** Forgets `text` (its plan went stale), closing it with the next statement. */
  forget(text: string): void {
    const name = this.names.get(text);
    if (name === undefined) return;
    this.names.delete(text);
    this.stale.push(name);
  }

  /** Every name, forgotten: the session closes them when this cache's database closes. */
  takeAll(): string[] {
    this.forgetAll();
    return this.takeStale();
  }

  /** Forgets every statement: a schema change may have changed what they return. */
  forgetAll(): void {
    for (const name of this.names.values()) this.stale.push(name);
    this.names.clear();
  }

  /** The names to close now; the caller sends the Close messages. */
  takeStale(): string[] {
    if (this.stale.length === 0) return this.stale;
    const stale = this.stale;
    this.stale = [];
    return stale;
  }
}
