import 'reflect-metadata';
import { APP_GUARD, APP_INTERCEPTOR, ApplicationContext, Inject, Injectable, Module } from '@tenon/core';
import type { CallHandler, ExecutionContext } from '@tenon/http';
import {
  EventPattern,
  MESSAGING_TRANSPORT,
  MessageContext,
  MessageObserver,
  MessagePattern,
  MessagingClient,
  MessagingErrorCode,
  MessagingModule,
  RemoteError,
  inMemory,
  natsCore,
  natsJetStream,
  type MessagingTransport,
} from '@tenon/messaging';
import { uniqueName } from '../../../../test-support/unique-name';

/*
 * A worker booted with the plain ApplicationContext (no HttpApplication): its APP_GUARD refuses
 * messages and its APP_INTERCEPTOR wraps handlers, on the in-memory transport and on NATS. The
 * tokens come from @tenon/core; @tenon/http (installed) runs the pipeline, as for @UseGuards.
 */

const natsUrl = process.env.TENON_TEST_NATS_URL;

@Injectable()
class Tenancy {
  readonly tenant = 'acme';
}

/** Refuses any message of another tenant than the application's. */
@Injectable()
class TenantGuard {
  constructor(@Inject(Tenancy) private readonly tenancy: Tenancy) {}
  canActivate(context: ExecutionContext): boolean {
    return context.getRequest<MessageContext>().headers['x-tenant'] === this.tenancy.tenant;
  }
}

@Injectable()
class EnvelopeInterceptor {
  async intercept(context: ExecutionContext, next: CallHandler): Promise<unknown> {
    return { type: context.getType(), data: await next() };
  }
}

const handled: number[] = [];

@Injectable()
class WorkerHandlers {
  @MessagePattern('worker.sum')
  sum(payload: { a: number; b: number }): number {
    return payload.a + payload.b;
  }

  @EventPattern('worker.event', { group: 'worker' })
  event(payload: { n: number }): void {
    handled.push(payload.n);
  }
}

const targets: Array<[name: string, skip: string | undefined, make: (ns: string) => MessagingTransport]> = [
  ['in-memory', undefined, () => inMemory()],
  [
    'NATS JetStream',
    natsUrl ? undefined : 'TENON_TEST_NATS_URL is not set',
    (ns) => natsJetStream({ servers: natsUrl!, prefix: ns }),
  ],
  [
    'core NATS',
    natsUrl ? undefined : 'TENON_TEST_NATS_URL is not set',
    (ns) => natsCore({ servers: natsUrl!, prefix: ns }),
  ],
];

describe.each(targets)(
  'APP_GUARD and APP_INTERCEPTOR in a plain ApplicationContext worker on %s',
  (_name, skip, make) => {
    jest.setTimeout(20_000);
    let app: ApplicationContext;
    let client: MessagingClient;

    beforeAll(async () => {
      if (skip) return;
      const transport = make(uniqueName('tenon_test_worker'));
      @Module({
        imports: [MessagingModule.forRoot({ transport })],
        providers: [
          Tenancy,
          WorkerHandlers,
          { provide: APP_GUARD, useClass: TenantGuard },
          { provide: APP_INTERCEPTOR, useClass: EnvelopeInterceptor },
        ],
      })
      class WorkerModule {}
      app = await ApplicationContext.create(WorkerModule, { logger: false });
      client = app.get(MessagingClient);
    });

    afterAll(async () => {
      if (skip) return;
      await (app.get(MESSAGING_TRANSPORT) as { deleteResources?(): Promise<void> }).deleteResources?.();
      await app.close();
    });

    const test = skip ? it.skip : it;

    test('the APP_INTERCEPTOR wraps the reply of an allowed request', async () => {
      await expect(
        client.send('worker.sum', { a: 2, b: 3 }, { headers: { 'x-tenant': 'acme' } }),
      ).resolves.toEqual({ type: 'rpc', data: 5 });
    });

    test('the APP_GUARD refuses a request of another tenant with FORBIDDEN_BY_GUARD', async () => {
      const error = (await client
        .send('worker.sum', { a: 2, b: 3 }, { headers: { 'x-tenant': 'other' } })
        .catch((e: unknown) => e)) as RemoteError;
      expect(error).toBeInstanceOf(RemoteError);
      expect(error.remoteCode).toBe(MessagingErrorCode.FORBIDDEN_BY_GUARD);
      expect(error.remoteMessage).toContain(
        `A guard of WorkerHandlers.sum refused a message on 'worker.sum'.`,
      );
    });

    test('the APP_GUARD refuses an event (settled at once, the handler not called) and lets the next one through', async () => {
      handled.length = 0;
      const observer = app.get(MessageObserver);
      const refused = observer.handled('worker.event', { outcomes: ['dead-lettered'], timeout: 10_000 });
      await client.emit('worker.event', { n: 1 }, { headers: { 'x-tenant': 'other' } });
      const outcome = await refused;
      expect(outcome.deliveryCount).toBe(1);
      expect((outcome.error as { code: string }).code).toBe(MessagingErrorCode.FORBIDDEN_BY_GUARD);
      const allowed = observer.handled('worker.event', { timeout: 10_000 });
      await client.emit('worker.event', { n: 2 }, { headers: { 'x-tenant': 'acme' } });
      await allowed;
      expect(handled).toEqual([2]);
    });
  },
);
