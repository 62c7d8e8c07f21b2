import type { Msg } from '@nats-io/transport-node';
import { NatsCoreDelivery } from '../../src/transports/nats/nats-core-delivery';

/** A received message as @nats-io/nats-core 3 keeps it (header block, then payload, in one buffer), counting reads of its headers. */
function received(headerBlock: string, payload: string): { msg: Msg; headerReads: () => number } {
  const bytes = Buffer.from(headerBlock + payload);
  const hdr = headerBlock ? Buffer.byteLength(headerBlock) : -1;
  let reads = 0;
  const msg = {
    get _rdata() {
      reads++;
      return bytes;
    },
    _msg: { hdr },
    data: hdr < 0 ? bytes : bytes.subarray(hdr),
    get headers() {
      reads++;
      return undefined;
    },
  };
  return { msg: msg as unknown as Msg, headerReads: () => reads };
}

describe('core NATS deliveries', () => {
  const block =
    'NATS/1.0\r\ntenon-message-id: 7b0e4c5e-1f7a-4a53-9d8e-2d6f0c1e9a11\r\nX-Tenant:  acme \r\n\r\n';

  it('parse no header until the id or the headers are read', () => {
    const { msg, headerReads } = received(block, '{"a":1}');
    const delivery = new NatsCoreDelivery(msg, 'orders.created');
    expect(Buffer.from(delivery.body).toString()).toBe('{"a":1}');
    expect(headerReads()).toBe(0);
    expect(delivery.id).toBe('7b0e4c5e-1f7a-4a53-9d8e-2d6f0c1e9a11');
    expect(delivery.headers).toEqual({
      'tenon-message-id': '7b0e4c5e-1f7a-4a53-9d8e-2d6f0c1e9a11',
      'x-tenant': 'acme',
    });
    expect(headerReads()).toBe(1);
  });

  it('give a message without headers a random id, the same on every read', () => {
    const { msg } = received('', '{}');
    const delivery = new NatsCoreDelivery(msg, 'orders.created');
    expect(delivery.headers).toEqual({});
    expect(delivery.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(delivery.id).toBe(delivery.id);
  });

  it('settle nothing: at most once, the server keeps nothing', async () => {
    const delivery = new NatsCoreDelivery(received(block, '{}').msg, 'orders.created');
    await expect(delivery.ack()).resolves.toBeUndefined();
    await expect(delivery.retry()).resolves.toBeUndefined();
    await expect(delivery.deadLetter()).resolves.toBeUndefined();
    expect(delivery.deliveryCount).toBe(1);
  });
});
