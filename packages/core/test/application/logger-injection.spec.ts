import 'reflect-metadata';
import { Writable } from 'node:stream';
import { ApplicationContext, Injectable, Logger, Module, type OnModuleDestroy } from '@tenon/core';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, destination };
}

describe('Logger in the container', () => {
  it('injects a logger whose context is the consuming class, with the request id inside a request scope', async () => {
    @Injectable()
    class OrdersService {
      constructor(readonly log: Logger) {}
    }
    @Injectable()
    class PaymentsService {
      constructor(readonly log: Logger) {}
    }
    @Module({ providers: [OrdersService, PaymentsService] })
    class AppModule {}
    const { lines, destination } = capture();
    const ctx = await ApplicationContext.create(AppModule, {
      logger: { level: 'info', format: 'json', destination },
    });
    ctx.get(OrdersService).log.info('placed', { orderId: 7 });
    ctx.runInRequestScope(() => ctx.get(PaymentsService).log.warn('declined'), { id: 'req-42' });
    await new Promise((r) => setImmediate(r));
    expect(lines.map((l) => [l.context, l.msg, l.orderId, l.reqId])).toEqual([
      ['OrdersService', 'placed', 7, undefined],
      ['PaymentsService', 'declined', undefined, 'req-42'],
    ]);
  });

  it('logs each failing shutdown hook through the application logger', async () => {
    @Injectable()
    class Bad implements OnModuleDestroy {
      onModuleDestroy() {
        throw new Error('flush failed');
      }
    }
    @Module({ providers: [Bad] })
    class AppModule {}
    const { lines, destination } = capture();
    const ctx = await ApplicationContext.create(AppModule, { logger: { format: 'json', destination } });
    await ctx.close();
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, context: 'Tenon', code: 'TENON_CORE_LIFECYCLE_HOOK_FAILED' });
    expect(String(lines[0]!.msg)).toContain('Bad.onModuleDestroy() in AppModule failed: Error: flush failed');
  });

  it('writes nothing with logger: false', async () => {
    @Module({})
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule, { logger: false });
    expect(() => ctx.logger.error('x')).not.toThrow();
  });
});
