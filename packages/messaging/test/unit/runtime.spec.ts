import 'reflect-metadata';
import {
  ApplicationContext,
  Inject,
  Injectable,
  Module,
  Scope,
  TenonError,
  asyncContextFrameEnabled,
  currentRequestContext,
} from '@tenon/core';
import { Registry } from 'prom-client';
import { firstValueFrom } from 'rxjs';
import {
  Ctx,
  DuplicateResponderError,
  EventBus,
  EventPattern,
  MessageContext,
  MessageObserver,
  MessagePattern,
  MessagingClient,
  MessagingErrorCode,
  MessagingHealthIndicator,
  MessagingModule,
  OnEvent,
  Payload,
  inMemory,
  type InMemoryTransport,
} from '@tenon/messaging';

let requestScoped = 0;

@Injectable({ scope: Scope.REQUEST })
class PerMessage {
  readonly id = ++requestScoped;
}

const seen: Array<{ id: number; messageId: string }> = [];
const settled: string[] = [];

@Injectable()
class Handlers {
  constructor(@Inject(PerMessage) private readonly perMessage: PerMessage) {}

  @EventPattern('unit.scoped')
  scoped(@Payload() _p: unknown, @Ctx() ctx: MessageContext): void {
    // Two reads in one message reach one instance; the next message gets another.
    expect(this.perMessage.id).toBe(this.perMessage.id);
    seen.push({ id: this.perMessage.id, messageId: ctx.messageId });
  }

  @EventPattern('unit.manual')
  async manual(@Payload('mode') mode: string, @Ctx() ctx: MessageContext): Promise<void> {
    if (mode === 'dead') await ctx.nack({ deadLetter: true, reason: 'not for us' });
    else await ctx.ack();
    settled.push(`${mode}:${ctx.settled}`);
    // Settled already: a later failure does not retry it.
    throw new Error('after settling');
  }

  @EventPattern('unit.pipe')
  piped(@Payload('n', { transform: (v: unknown) => Number(v) * 2 }) n: number): void {
    settled.push(`pipe:${n}`);
  }

  @MessagePattern('unit.echo')
  echo(payload: unknown): unknown {
    return payload;
  }

  @OnEvent('unit.local')
  local(payload: unknown): void {
    settled.push(`local:${JSON.stringify(payload)}`);
  }
}

async function boot(extra: Partial<Parameters<typeof MessagingModule.forRoot>[0]> = {}) {
  const transport = inMemory();
  @Module({ imports: [MessagingModule.forRoot({ transport, ...extra })], providers: [Handlers, PerMessage] })
  class AppModule {}
  const app = await ApplicationContext.create(AppModule, { logger: false });
  return { app, transport, client: app.get(MessagingClient), observer: app.get(MessageObserver) };
}

describe('messaging runtime (in-memory)', () => {
  beforeEach(() => {
    seen.length = 0;
    settled.length = 0;
  });

  it('opens a request scope per message', async () => {
    const { app, client, observer } = await boot();
    const first = observer.handled('unit.scoped');
    await client.emit('unit.scoped', {});
    await first;
    const second = observer.handled('unit.scoped');
    await client.emit('unit.scoped', {});
    await second;
    expect(seen).toHaveLength(2);
    expect(seen[0]!.id).not.toBe(seen[1]!.id);
    expect(seen[0]!.messageId).not.toBe(seen[1]!.messageId);
    await app.close();
  });

  it("still opens a request scope per message with requestScope: 'auto' when something request-scoped is injected", async () => {
    const { app, client, observer } = await boot({ requestScope: 'auto' });
    const first = observer.handled('unit.scoped');
    await client.emit('unit.scoped', {});
    await first;
    const second = observer.handled('unit.scoped');
    await client.emit('unit.scoped', {});
    await second;
    expect(seen).toHaveLength(2);
    expect(seen[0]!.id).not.toBe(seen[1]!.id);
    await app.close();
  });

  it("opens no request scope with requestScope: 'auto', the default, when nothing request-scoped is injected", async () => {
    const scopes: Array<string | undefined> = [];
    @Injectable()
    class Plain {
      @EventPattern('unit.plain')
      on(): void {
        scopes.push(currentRequestContext()?.id);
      }
    }
    const run = async (requestScope: 'always' | 'auto' | undefined) => {
      @Module({
        imports: [
          MessagingModule.forRoot({ transport: inMemory(), ...(requestScope ? { requestScope } : {}) }),
        ],
        providers: [Plain],
      })
      class PlainModule {}
      const app = await ApplicationContext.create(PlainModule, { logger: false });
      const done = app.get(MessageObserver).handled('unit.plain');
      await app.get(MessagingClient).emit('unit.plain', {});
      const outcome = await done;
      await app.close();
      return outcome.messageId;
    };
    const messageId = await run('always');
    const again = await run('auto');
    const byDefault = await run(undefined);
    // Where AsyncContextFrame makes a scope cheap (Node 24+), 'auto' (the default) scopes every message.
    const frame = asyncContextFrameEnabled();
    expect(scopes).toEqual([messageId, frame ? again : undefined, frame ? byDefault : undefined]);
  });

  it("decides per handler with requestScope: 'auto': a scope for the one that injects a request-scoped provider only", async () => {
    const scopes: Array<string | undefined> = [];
    @Injectable()
    class Plain {
      @EventPattern('unit.plain')
      on(): void {
        scopes.push(currentRequestContext()?.id);
      }
    }
    const transport = inMemory();
    @Module({
      imports: [MessagingModule.forRoot({ transport, requestScope: 'auto' })],
      providers: [Handlers, PerMessage, Plain],
    })
    class MixedModule {}
    const app = await ApplicationContext.create(MixedModule, { logger: false });
    const observer = app.get(MessageObserver);
    const plain = observer.handled('unit.plain');
    const scoped = observer.handled('unit.scoped');
    await app.get(MessagingClient).emit('unit.plain', {});
    await app.get(MessagingClient).emit('unit.scoped', {});
    const plainOutcome = await plain;
    await scoped;
    expect(seen).toHaveLength(1);
    expect(scopes).toEqual([asyncContextFrameEnabled() ? plainOutcome.messageId : undefined]);
    await app.close();
  });

  it('lets a handler settle its message itself', async () => {
    const { app, client, observer, transport } = await boot();
    const done = observer.handled('unit.manual', {
      outcomes: ['handled'],
      predicate: () => settled.length === 2,
    });
    await client.emit('unit.manual', { mode: 'ack' });
    await client.emit('unit.manual', { mode: 'dead' });
    await done;
    expect(settled.sort()).toEqual(['ack:ack', 'dead:dead-letter']);
    const letters = await (transport as InMemoryTransport).deadLetters('unit.manual', 'Handlers.manual');
    expect(letters.map((l) => l.reason)).toEqual(['not for us']);
    await app.close();
  });

  it('runs payload pipes given to @Payload', async () => {
    const { app, client, observer } = await boot();
    const done = observer.handled('unit.pipe');
    await client.emit('unit.pipe', { n: '21' });
    await done;
    expect(settled).toEqual(['pipe:42']);
    await app.close();
  });

  it('passes the payload to an undecorated handler and offers send$ as an Observable', async () => {
    const { app, client } = await boot();
    await expect(client.send('unit.echo', { a: [1, 2] })).resolves.toEqual({ a: [1, 2] });
    await expect(firstValueFrom(client.send$('unit.echo', 'text'))).resolves.toBe('text');
    await app.close();
  });

  it('records counters and a histogram per subject in a prom-client registry', async () => {
    const registry = new Registry();
    const { app, client, observer } = await boot({ metrics: { registry } });
    const done = observer.handled('unit.scoped');
    await client.emit('unit.scoped', {});
    await done;
    const text = await registry.metrics();
    expect(text).toContain(
      'messaging_messages_total{subject="unit.scoped",kind="event",outcome="handled"} 1',
    );
    expect(text).toContain('messaging_handler_duration_seconds_count{subject="unit.scoped",kind="event"} 1');
    await app.close();
  });

  it('reports the broker connection for readiness', async () => {
    const { app } = await boot();
    await expect(app.get(MessagingHealthIndicator).check()).resolves.toEqual({
      status: 'up',
      details: { transport: 'in-memory', handlers: 4, inFlight: 0 },
    });
    await app.close();
  });

  it('calls @OnEvent listeners through the EventBus', async () => {
    const { app } = await boot();
    await app.get(EventBus).emit('unit.local', { x: 1 });
    expect(settled).toEqual(['local:{"x":1}']);
    await app.close();
  });

  it('refuses emit() after the application closed', async () => {
    const { app, client } = await boot();
    await app.close();
    await expect(client.emit('unit.scoped', {})).rejects.toMatchObject({
      code: MessagingErrorCode.CLIENT_CLOSED,
      message:
        'MessagingClient.emit() was called after the application closed its broker connection.\n  Fix: publish before app.close(), or from a new application.',
    });
  });

  it('starts no consumer with publishOnly', async () => {
    const { app, client } = await boot({ publishOnly: true });
    await expect(client.send('unit.echo', 1)).rejects.toMatchObject({
      code: MessagingErrorCode.NO_RESPONDER,
    });
    await app.close();
  });
});

describe('boot errors', () => {
  it('refuses two @MessagePattern handlers on one subject', async () => {
    @Injectable()
    class A {
      @MessagePattern('dup.subject') a(): number {
        return 1;
      }
    }
    @Injectable()
    class B {
      @MessagePattern('dup.subject') b(): number {
        return 2;
      }
    }
    @Module({ imports: [MessagingModule.forRoot({ transport: inMemory() })], providers: [A, B] })
    class DupModule {}
    const error = await ApplicationContext.create(DupModule, { logger: false }).catch((e: unknown) => e);
    const cause = (error as { cause?: unknown }).cause ?? error;
    expect(cause).toBeInstanceOf(DuplicateResponderError);
    expect((cause as TenonError).message).toBe(
      "The subject 'dup.subject' has two @MessagePattern handlers: A.a and B.b.\n" +
        '  Cause: a request gets one reply, so one handler per subject answers it in an application.\n' +
        '  Fix: remove one of them, or use @EventPattern for handlers that only react.',
    );
  });

  it('rejects module options without a transport', () => {
    expect(() => MessagingModule.forRoot({ transport: {} as never, concurrency: 0 })).toThrow(
      'MessagingModule options are invalid (2 problems):\n' +
        '  - transport: expected a transport such as inMemory(), natsJetStream({...}), rabbitmq({...}) or redisStreams({...})\n' +
        '  - concurrency: expected a positive integer, got 0\n' +
        '  Fix: correct the options passed to MessagingModule.forRoot()/forRootAsync().',
    );
  });
});
