import { ON_EVENT } from '../metadata/metadata-keys';

/** Options of `@OnEvent`. */
export interface OnEventOptions {
  /**
   * Run only after the transaction that emitted the event commits (never on rollback); an event
   * emitted outside a transaction runs at once. Default false: run when emitted.
   */
  readonly afterCommit?: boolean;
}

/** What `@OnEvent` records. */
export interface OnEventMetadata {
  readonly name: string;
  readonly options: OnEventOptions;
}

/**
 * Marks a method as a listener of the in-process event `name`, published with
 * `EventBus.emit(name, payload)`. Listeners run in this process only; use `@EventPattern` for
 * events that cross processes.
 *
 * @example
 * @OnEvent('user.registered', { afterCommit: true })
 * async sendWelcome(event: UserRegistered) { await this.mailer.welcome(event.email); }
 */
export function OnEvent(name: string, options: OnEventOptions = {}): MethodDecorator {
  return (target, key) => {
    const list = (Reflect.getOwnMetadata(ON_EVENT, target, key) as OnEventMetadata[] | undefined) ?? [];
    Reflect.defineMetadata(ON_EVENT, [...list, { name, options }], target, key);
  };
}
