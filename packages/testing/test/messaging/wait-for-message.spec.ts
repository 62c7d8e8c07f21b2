import 'reflect-metadata';
import { Injectable } from '@tenon/core';
import { EventPattern, MessagingClient, MessagingModule, Payload } from '@tenon/messaging';
import { Test, inMemoryTransport, waitForMessage } from '@tenon/testing';

@Injectable()
class OrderHandlers {
  readonly seen: unknown[] = [];

  @EventPattern('orders.created')
  created(@Payload() order: { sku: string }): void {
    if (order.sku === 'bad') throw new Error('no such sku');
    this.seen.push(order);
  }
}

describe('waitForMessage', () => {
  it('resolves when the application handled the message', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [MessagingModule.forRoot({ transport: inMemoryTransport(), retry: { maxDeliveries: 1 } })],
      providers: [OrderHandlers],
    }).compile();
    const handled = waitForMessage(moduleRef, 'orders.created');
    await moduleRef.get(MessagingClient).emit('orders.created', { sku: 'a-1' });
    await expect(handled).resolves.toMatchObject({
      outcome: 'handled',
      payload: { sku: 'a-1' },
      deliveryCount: 1,
    });
    expect(moduleRef.get(OrderHandlers).seen).toEqual([{ sku: 'a-1' }]);

    const failed = waitForMessage(moduleRef, 'orders.created', { outcomes: ['dead-lettered'] });
    await moduleRef.get(MessagingClient).emit('orders.created', { sku: 'bad' });
    await expect(failed).resolves.toMatchObject({ outcome: 'dead-lettered' });

    await expect(waitForMessage(moduleRef, 'orders.created', { timeout: 30 })).rejects.toMatchObject({
      code: 'TENON_MESSAGING_WAIT_TIMEOUT',
    });
    await moduleRef.close();
  });
});
