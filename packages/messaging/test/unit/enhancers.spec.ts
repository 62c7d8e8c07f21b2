import 'reflect-metadata';
import { ApplicationContext, Inject, Injectable, Module, Scope } from '@tenon/core';
import { UseGuards, UseInterceptors, type CallHandler, type ExecutionContext } from '@tenon/http';
import {
  EnhancerNotProvidedError,
  EventPattern,
  MessageForbiddenError,
  MessageObserver,
  MessagePattern,
  MessagingClient,
  MessagingErrorCode,
  MessagingModule,
  inMemory,
} from '@tenon/messaging';

@Injectable()
class Clock {
  now(): number {
    return 1;
  }
}

@Injectable()
class ClockGuard {
  constructor(@Inject(Clock) private readonly clock: Clock) {}
  canActivate(): boolean {
    return this.clock.now() > 0;
  }
}

let created = 0;

/** One instance per message: the interceptor is request-scoped. */
@Injectable({ scope: Scope.REQUEST })
class StampInterceptor {
  readonly instance = ++created;
  async intercept(_context: ExecutionContext, next: CallHandler): Promise<unknown> {
    return { instance: this.instance, value: await next() };
  }
}

@Injectable()
class GuardedByClock {
  @UseGuards(ClockGuard)
  @EventPattern('unit.clocked')
  clocked(): void {}
}

@Injectable()
class Stamped {
  @UseInterceptors(StampInterceptor)
  @MessagePattern('unit.stamped')
  stamped(payload: { n: number }): number {
    return payload.n;
  }
}

// Boots whole applications: room for a loaded machine (the assertions do not time anything).
jest.setTimeout(30_000);

describe('guards, interceptors, pipes and filters on message handlers', () => {
  it('fails the boot with ENHANCER_NOT_PROVIDED for a guard class its module cannot build', async () => {
    @Module({
      imports: [MessagingModule.forRoot({ transport: inMemory() })],
      providers: [GuardedByClock, Clock],
    })
    class AppModule {}
    const failed = await ApplicationContext.create(AppModule, { logger: false }).catch((e: unknown) => e);
    // Found in onApplicationBootstrap, before any consumer starts; core wraps hook errors.
    expect((failed as { code: string }).code).toBe('TENON_CORE_LIFECYCLE_HOOK_FAILED');
    const error = (failed as { cause: unknown }).cause;
    expect(error).toBeInstanceOf(EnhancerNotProvidedError);
    expect((error as EnhancerNotProvidedError).code).toBe(MessagingErrorCode.ENHANCER_NOT_PROVIDED);
    expect((error as Error).message).toBe(
      `The guard ClockGuard on the message handler GuardedByClock.clocked cannot be built: it has constructor parameters and AppModule does not provide it.\n` +
        `  Cause: enhancer classes of message handlers are taken from the handler's module, so that they get injection.\n` +
        `  Fix: add ClockGuard to the providers of AppModule (or of a module it imports that exports it), or pass an instance.`,
    );
  });

  it('builds a guard class the module provides, with its dependencies', async () => {
    @Module({
      imports: [MessagingModule.forRoot({ transport: inMemory() })],
      providers: [GuardedByClock, Clock, ClockGuard],
    })
    class AppModule {}
    const app = await ApplicationContext.create(AppModule, { logger: false });
    const handled = app.get(MessageObserver).handled('unit.clocked', { timeout: 30_000 });
    await app.get(MessagingClient).emit('unit.clocked', {});
    await expect(handled).resolves.toMatchObject({ outcome: 'handled' });
    await app.close();
  });

  it('gives each message its own instance of a request-scoped interceptor', async () => {
    @Module({
      imports: [MessagingModule.forRoot({ transport: inMemory() })],
      providers: [Stamped, StampInterceptor],
    })
    class AppModule {}
    const app = await ApplicationContext.create(AppModule, { logger: false });
    const client = app.get(MessagingClient);
    const first = await client.send<{ instance: number; value: number }>('unit.stamped', { n: 1 });
    const second = await client.send<{ instance: number; value: number }>('unit.stamped', { n: 2 });
    expect(first.value).toBe(1);
    expect(second.value).toBe(2);
    expect(second.instance).not.toBe(first.instance);
    await app.close();
  });

  it('names the handler and the subject in FORBIDDEN_BY_GUARD', () => {
    const error = new MessageForbiddenError('orders.created', 'Orders.onCreated');
    expect(error.code).toBe(MessagingErrorCode.FORBIDDEN_BY_GUARD);
    expect(error.message).toBe(
      `A guard of Orders.onCreated refused a message on 'orders.created'.\n` +
        `  Cause: a guard's canActivate() returned false for this message (its headers or payload).\n` +
        `  Fix: send the message with what the guard checks (e.g. its headers), or change the guard; an event is dead-lettered, not retried, since a retry gets the same answer.`,
    );
  });
});
