import 'reflect-metadata';
import { natsJetStream, type NatsJetStreamTransport } from '@tenon/messaging';
import { messagingContract } from './messaging.contract';

const url = process.env.TENON_TEST_NATS_URL;
const created = new Map<string, NatsJetStreamTransport[]>();

messagingContract({
  name: 'NATS JetStream',
  skip: url ? undefined : 'TENON_TEST_NATS_URL is not set (e.g. nats://127.0.0.1:4222); .ci/run sets it',
  transport: (namespace) => {
    // A short ack wait: the "consumer died" case waits for it before the redelivery.
    const transport = natsJetStream({ servers: url!, prefix: namespace, ackWaitMs: 1500 });
    created.set(namespace, [...(created.get(namespace) ?? []), transport]);
    return transport;
  },
  cleanup: async (namespace) => {
    const cleaner = natsJetStream({ servers: url!, prefix: namespace });
    await cleaner.connect();
    await cleaner.deleteResources();
    await cleaner.close();
    created.delete(namespace);
  },
});
