import type { DiscoveryService, Logger, OnApplicationBootstrap } from '@tenon/core';
import type { DataBridge } from '../data/data-bridge';
import { ON_EVENT } from '../metadata/metadata-keys';
import type { OnEventMetadata } from '../decorators/on-event.decorator';

interface Listener {
  readonly label: string;
  readonly afterCommit: boolean;
  call(payload: unknown): unknown;
}

/**
 * In-process events: `emit(name, payload)` calls every `@OnEvent(name)` method of the
 * application and waits for them (in registration order; one listener's error is logged and
 * does not stop the others). Listeners with `{ afterCommit: true }` run after the current
 * transaction (@tenon/data) commits, and never if it rolls back.
 *
 * @example
 * await this.events.emit('user.registered', { id: user.id, email: user.email });
 */
export class EventBus implements OnApplicationBootstrap {
  private readonly listeners = new Map<string, Listener[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly data: DataBridge,
    private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    for (const { owner, methodName, metadata } of this.discovery.methodsWithMetadata<OnEventMetadata[]>(
      ON_EVENT,
    )) {
      for (const { name, options } of metadata) {
        this.on(name, {
          label: `${owner.name}.${methodName}`,
          afterCommit: options.afterCommit === true,
          call: async (payload: unknown) => {
            const instance = (owner.instance ?? (await owner.module.context.resolve(owner.token))) as Record<
              string,
              (p: unknown) => unknown
            >;
            return instance[methodName]!(payload);
          },
        });
      }
    }
  }

  /** Adds a listener by hand; returns a function that removes it. */
  on(name: string, listener: Listener | ((payload: unknown) => unknown)): () => void {
    const entry: Listener =
      typeof listener === 'function'
        ? { label: listener.name || 'listener', afterCommit: false, call: listener }
        : listener;
    const list = this.listeners.get(name) ?? [];
    list.push(entry);
    this.listeners.set(name, list);
    return () => {
      const current = this.listeners.get(name);
      if (current)
        this.listeners.set(
          name,
          current.filter((l) => l !== entry),
        );
    };
  }

  /** Calls the listeners of `name`; after-commit listeners are deferred while a transaction is open. */
  async emit(name: string, payload?: unknown): Promise<void> {
    const list = this.listeners.get(name);
    if (!list?.length) return;
    const transactions = list.some((l) => l.afterCommit) ? this.data.tryDatabase()?.transactions : undefined;
    for (const listener of list) {
      if (listener.afterCommit && transactions?.inTransaction) {
        transactions.afterCommit(() => this.run(name, listener, payload));
        continue;
      }
      await this.run(name, listener, payload);
    }
  }

  private async run(name: string, listener: Listener, payload: unknown): Promise<void> {
    try {
      await listener.call(payload);
    } catch (error) {
      this.logger.error(`@OnEvent('${name}') listener ${listener.label} failed`, { err: error });
    }
  }
}
