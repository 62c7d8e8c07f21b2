import type { ApplicationContext } from '@tenon/core';
import type { FastifyInstance } from 'fastify';
import type { HttpState } from './http-state';

/** The default `readinessGrace`, in ms: long enough for a poller to see readiness 503. */
export const DEFAULT_READINESS_GRACE = 1_000;

/**
 * Orders a graceful shutdown: readiness turns 503 first (for `readinessGrace` while the server
 * still accepts connections, when it listens), then the server stops accepting and
 * waits for in-flight requests (at most `drainTimeout`, then open connections are cut), then
 * the context's shutdown hooks run. Safe to start more than once.
 */
export class ShutdownCoordinator {
  private running?: Promise<void>;
  private readonly handlers = new Map<string, () => void>();

  constructor(
    private readonly fastify: FastifyInstance,
    private readonly context: ApplicationContext,
    private readonly drainTimeout: number,
    private readonly state: HttpState,
    private readonly readinessGrace = DEFAULT_READINESS_GRACE,
  ) {}

  get started(): boolean {
    return this.running !== undefined;
  }

  run(signal?: string): Promise<void> {
    this.running ??= this.stop(signal);
    return this.running;
  }

  listen(signals: readonly string[]): void {
    for (const signal of signals) {
      if (this.handlers.has(signal)) continue;
      const handler = (): void => {
        void this.run(signal).then(
          () => process.exit(0),
          (error: unknown) => {
            this.fastify.log.error({ err: error }, 'Shutdown failed');
            process.exit(1);
          },
        );
      };
      this.handlers.set(signal, handler);
      process.once(signal, handler);
    }
  }

  private async stop(signal?: string): Promise<void> {
    // Readiness answers 503 from here on, while in-flight requests still finish.
    this.state.shuttingDown = true;
    for (const [sig, handler] of this.handlers) process.removeListener(sig, handler);
    // Load balancers and orchestrators poll readiness: they must see the 503 while the listener
    // is still open, or clients see refused connections before the instance is taken out. Without
    // a listening socket (inject only) there is nobody to tell.
    if (this.readinessGrace > 0 && this.fastify.server.listening) {
      this.fastify.log.info(
        { signal, readinessGrace: this.readinessGrace },
        'Shutting down: readiness answers 503, still accepting connections',
      );
      await new Promise((resolve) => setTimeout(resolve, this.readinessGrace));
    }
    this.fastify.log.info({ signal }, 'Shutting down: draining in-flight requests');
    let timer: NodeJS.Timeout | undefined;
    const drained = this.fastify.close().then(() => 'drained' as const);
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.drainTimeout);
      timer.unref();
    });
    const outcome = await Promise.race([drained, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.fastify.log.warn(
        { drainTimeout: this.drainTimeout },
        'Drain timeout reached: closing the remaining connections',
      );
      this.fastify.server.closeAllConnections();
      await drained;
    }
    await this.context.close(signal);
  }
}
