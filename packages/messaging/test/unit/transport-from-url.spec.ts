import 'reflect-metadata';
import {
  InvalidTransportUrlError,
  MessagingErrorCode,
  transportFromUrl,
  type InMemoryTransport,
} from '@tenon/messaging';

describe('transportFromUrl', () => {
  it.each([
    ['', 'in-memory'],
    ['memory://', 'in-memory'],
    ['nats://127.0.0.1:4222', 'nats-jetstream'],
    ['amqp://guest:guest@127.0.0.1:5672', 'rabbitmq'],
    ['amqps://broker.example:5671', 'rabbitmq'],
    ['redis://127.0.0.1:6379', 'redis-streams'],
    ['rediss://cache.example:6380', 'redis-streams'],
  ])('%j is %s (built, not connected)', (url, name) => {
    expect(transportFromUrl(url, { prefix: 'conduit' }).name).toBe(name);
  });

  it('shares one in-process broker between the transports of memory://<name>', () => {
    const a = transportFromUrl('memory://e2e') as InMemoryTransport;
    const b = transportFromUrl('memory://e2e') as InMemoryTransport;
    const other = transportFromUrl('memory://other') as InMemoryTransport;
    expect(a.broker).toBe(b.broker);
    expect(other.broker).not.toBe(a.broker);
    expect((transportFromUrl('') as InMemoryTransport).broker).not.toBe(a.broker);
  });

  it('refuses an unknown scheme, without printing the credentials', () => {
    let error: unknown;
    try {
      transportFromUrl('kafka://user:secret@broker:9092');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidTransportUrlError);
    expect((error as InvalidTransportUrlError).code).toBe(MessagingErrorCode.INVALID_TRANSPORT_URL);
    expect((error as Error).message).toBe(
      `transportFromUrl() was given 'kafka://***@broker:9092', whose scheme names no transport.\n` +
        `  Cause: the scheme picks the broker: nats://, amqp:// (amqps://), redis:// (rediss://), or memory:// for the in-process broker.\n` +
        `  Fix: use one of these schemes, e.g. nats://127.0.0.1:4222, or memory:// to run without a broker.`,
    );
  });
});
