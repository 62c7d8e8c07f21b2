import 'reflect-metadata';
import type { MsgHdrs } from '@nats-io/transport-node';
import { InMemoryTransport, MessagingClient, jsonCodec, type TransportMessage } from '@tenon/messaging';
import { toHeaders } from '../../src/transports/nats/nats-client';
import { encodeHeaders } from '../../src/transports/nats/nats-headers';

/** An in-memory transport that keeps what it was asked to publish. */
class RecordingTransport extends InMemoryTransport {
  readonly published: TransportMessage[] = [];
  override async publish(message: TransportMessage): Promise<void> {
    this.published.push(message);
  }
}

/** The same, declared at most once as core NATS is. */
class AtMostOnceTransport extends RecordingTransport {
  readonly atMostOnce = true;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// What the client writes of publish headers: encode() (MsgHdrsImpl's, not in the MsgHdrs type).
const text = (headers: MsgHdrs | undefined) =>
  headers && Buffer.from((headers as unknown as { encode(): Uint8Array }).encode()).toString();

describe('message ids and content types of emitted events', () => {
  it('give every event an id of its own where the transport redelivers', async () => {
    const transport = new RecordingTransport();
    const client = new MessagingClient(transport, jsonCodec(), 5000);
    await client.emit('orders.created', { id: 1 });
    await client.emit('orders.created', { id: 2 }, { headers: { 'x-tenant': 'acme' } });
    const [first, second] = transport.published;
    expect(first!.headers['tenon-message-id']).toMatch(UUID);
    expect(second!.headers).toEqual({
      'x-tenant': 'acme',
      'tenon-message-id': expect.stringMatching(UUID),
      'content-type': 'application/json',
    });
    expect(first!.headers['tenon-message-id']).not.toBe(second!.headers['tenon-message-id']);
  });

  it('give an event an id on an at-most-once transport only when the caller does', async () => {
    const transport = new AtMostOnceTransport();
    const client = new MessagingClient(transport, jsonCodec(), 5000);
    await client.emit('orders.created', { id: 1 });
    await client.emit('orders.created', { id: 2 }, { messageId: 'order-2' });
    await client.emit('orders.created', { id: 3 }, { headers: { 'x-tenant': 'acme' } });
    expect(transport.published.map((m) => m.headers)).toEqual([
      { 'content-type': 'application/json' },
      { 'tenon-message-id': 'order-2', 'content-type': 'application/json' },
      { 'x-tenant': 'acme', 'content-type': 'application/json' },
    ]);
    // The headers of a plain event are one record, shared and frozen: nobody can change them.
    expect(Object.isFrozen(transport.published[0]!.headers)).toBe(true);
  });
});

describe('core NATS header blocks', () => {
  const fallback = jest.fn((): MsgHdrs | undefined => undefined);
  afterEach(() => fallback.mockClear());

  it('are left out for JSON alone, the default type no receiver reads', () => {
    expect(encodeHeaders({ 'content-type': 'application/json' }, fallback)).toBeUndefined();
    expect(encodeHeaders({}, fallback)).toBeUndefined();
    expect(fallback).not.toHaveBeenCalled();
  });

  it('carry an id, extra headers and any other content type', () => {
    expect(
      text(encodeHeaders({ 'tenon-message-id': 'm-1', 'content-type': 'application/json' }, fallback)),
    ).toBe('NATS/1.0\r\ntenon-message-id: m-1\r\n\r\n');
    expect(
      text(encodeHeaders({ 'content-type': 'application/msgpack', 'x-tenant': ' acme ' }, fallback)),
    ).toBe('NATS/1.0\r\ncontent-type: application/msgpack\r\nx-tenant: acme\r\n\r\n');
    expect(fallback).not.toHaveBeenCalled();
  });

  it("hand a name the fast check refuses to the client's own headers, JSON type and all", () => {
    const record = { 'content-type': 'application/json', 'bad name': 'x' };
    encodeHeaders(record, fallback);
    expect(fallback).toHaveBeenCalledWith(record);
  });

  it("leave JSON's content type out of the client's own headers too (JetStream publishes, requests)", () => {
    expect(toHeaders({ 'content-type': 'application/json' })).toBeUndefined();
    const headers = toHeaders({ 'content-type': 'text/plain', 'tenon-message-id': 'm-2' });
    expect(headers?.get('content-type')).toBe('text/plain');
    expect(headers?.get('tenon-message-id')).toBe('m-2');
  });
});
