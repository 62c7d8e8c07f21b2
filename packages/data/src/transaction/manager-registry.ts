/**
 * Which transaction manager `@Transactional()` uses, kept apart from running transactions.
 *
 * Defaults stack, most recent last: a manager appears once per registration not yet removed, so
 * two applications sharing one Database can each register it and close independently. Bindings
 * map each provider instance to the manager of the application that built it: with two
 * applications in one process (tests, workers, several scheduler instances) the most recent
 * default would run one application's transactions on the other's database.
 */
export class ManagerRegistry<M> {
  private readonly defaults: M[] = [];
  private readonly bound = new WeakMap<object, M>();

  current(): M | undefined {
    return this.defaults[this.defaults.length - 1];
  }

  /** Registers `manager` as the default; `undefined` drops every registration. */
  push(manager: M | undefined): void {
    if (manager === undefined) this.defaults.length = 0;
    else this.defaults.push(manager);
  }

  /** Removes the most recent registration of `manager`, if any. */
  remove(manager: M): void {
    const index = this.defaults.lastIndexOf(manager);
    if (index >= 0) this.defaults.splice(index, 1);
  }

  /** The manager bound to `instance`, else the default. */
  of(instance: unknown): M | undefined {
    const bound = typeof instance === 'object' && instance !== null ? this.bound.get(instance) : undefined;
    return bound ?? this.current();
  }

  /** A first binding stays (an instance shared by two applications keeps the first's). */
  bind(instance: object, manager: M): boolean {
    if (this.bound.has(instance)) return false;
    this.bound.set(instance, manager);
    return true;
  }

  unbind(instance: object, manager: M): void {
    if (this.bound.get(instance) === manager) this.bound.delete(instance);
  }
}
