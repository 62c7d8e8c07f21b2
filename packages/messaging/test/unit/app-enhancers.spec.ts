import 'reflect-metadata';
import { ApplicationContext, Inject, Injectable, Module } from '@tenon/core';
import {
  APP_FILTER,
  APP_GUARD,
  APP_INTERCEPTOR,
  APP_PIPE,
  Catch,
  HttpApplication,
  UseGuards,
  type CallHandler,
  type ExecutionContext,
} from '@tenon/http';
import {
  EventPattern,
  MessageContext,
  MessageObserver,
  MessagePattern,
  MessagingClient,
  MessagingErrorCode,
  MessagingModule,
  RemoteError,
  inMemory,
} from '@tenon/messaging';

/*
 * APP_GUARD, APP_INTERCEPTOR, APP_PIPE and APP_FILTER providers apply to message handlers as to
 * routes (NestJS applies its APP_* providers to microservice handlers): the global ones first,
 * then the class's and method's, filters the other way round.
 */

const calls: string[] = [];

@Injectable()
class Tenancy {
  readonly tenant = 'acme';
}

/** A global guard with injection: refuses messages of another tenant. */
@Injectable()
class TenantGuard {
  constructor(@Inject(Tenancy) private readonly tenancy: Tenancy) {}
  canActivate(context: ExecutionContext): boolean {
    calls.push(`global guard ${context.getType()}`);
    const headers = context.getRequest<MessageContext>().headers;
    return headers['x-tenant'] === undefined || headers['x-tenant'] === this.tenancy.tenant;
  }
}

@Injectable()
class MethodGuard {
  canActivate(): boolean {
    calls.push('method guard');
    return true;
  }
}

@Injectable()
class WrapInterceptor {
  async intercept(_context: ExecutionContext, next: CallHandler): Promise<unknown> {
    calls.push('global interceptor');
    return { wrapped: await next() };
  }
}

/** A global pipe: numeric strings become numbers. */
class NumbersPipe {
  transform(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v]),
    );
  }
}

class Refused extends Error {}

@Catch(Refused)
class RefusedFilter {
  catch(error: Refused): unknown {
    return { refused: error.message };
  }
}

@Injectable()
class Handlers {
  @UseGuards(MethodGuard)
  @MessagePattern('global.sum')
  sum(payload: { a: number; b: number }): number {
    calls.push('handler');
    return payload.a + payload.b;
  }

  @MessagePattern('global.refuse')
  refuse(): never {
    throw new Refused('not today');
  }

  @EventPattern('global.event')
  event(): void {
    calls.push('event handler');
  }
}

@Module({
  imports: [MessagingModule.forRoot({ transport: inMemory() })],
  providers: [
    Tenancy,
    MethodGuard,
    Handlers,
    { provide: APP_GUARD, useClass: TenantGuard },
    { provide: APP_INTERCEPTOR, useClass: WrapInterceptor },
    { provide: APP_PIPE, useValue: new NumbersPipe() },
    { provide: APP_FILTER, useClass: RefusedFilter },
  ],
})
class AppModule {}

jest.setTimeout(30_000);

describe('APP_GUARD, APP_INTERCEPTOR, APP_PIPE and APP_FILTER on message handlers', () => {
  let app: HttpApplication;
  let client: MessagingClient;

  beforeAll(async () => {
    app = await HttpApplication.create(AppModule, { logger: false });
    client = app.get(MessagingClient);
  });

  afterAll(() => app.close());

  beforeEach(() => (calls.length = 0));

  it('runs the global guard first, then the global interceptor, the global pipe and the handler', async () => {
    await expect(client.send('global.sum', { a: '2', b: 3 })).resolves.toEqual({ wrapped: 5 });
    expect(calls).toEqual(['global guard rpc', 'method guard', 'global interceptor', 'handler']);
  });

  it("refuses with the global guard's false: FORBIDDEN_BY_GUARD", async () => {
    const error = (await client
      .send('global.sum', { a: 1, b: 1 }, { headers: { 'x-tenant': 'other' } })
      .catch((e: unknown) => e)) as RemoteError;
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.remoteCode).toBe(MessagingErrorCode.FORBIDDEN_BY_GUARD);
    expect(calls).toEqual(['global guard rpc']);
  });

  it('lets the global filter answer', async () => {
    await expect(client.send('global.refuse', {})).resolves.toEqual({ refused: 'not today' });
  });

  it('applies to events: a refused event is dead-lettered at once', async () => {
    const observer = app.get(MessageObserver);
    const refused = observer.handled('global.event', { outcomes: ['dead-lettered'] });
    await client.emit('global.event', {}, { headers: { 'x-tenant': 'other' } });
    expect(((await refused).error as { code: string }).code).toBe(MessagingErrorCode.FORBIDDEN_BY_GUARD);
    const handled = observer.handled('global.event');
    await client.emit('global.event', {});
    await handled;
    expect(calls).toContain('event handler');
  });
});

describe('APP_* providers in a plain ApplicationContext (a worker without HTTP)', () => {
  it('apply as in an HTTP application: core collects them at every boot', async () => {
    calls.length = 0;
    const app = await ApplicationContext.create(AppModule, { logger: false });
    try {
      await expect(app.get(MessagingClient).send('global.sum', { a: '2', b: 3 })).resolves.toEqual({
        wrapped: 5,
      });
      expect(calls).toEqual(['global guard rpc', 'method guard', 'global interceptor', 'handler']);
    } finally {
      await app.close();
    }
  });
});
