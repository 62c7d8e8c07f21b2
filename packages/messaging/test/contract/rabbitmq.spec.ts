import 'reflect-metadata';
import { rabbitmq, type RabbitMqTransport } from '@tenon/messaging';
import { messagingContract } from './messaging.contract';

const url = process.env.TENON_TEST_AMQP_URL;
const created = new Map<string, RabbitMqTransport[]>();

messagingContract({
  name: 'RabbitMQ',
  skip: url
    ? undefined
    : 'TENON_TEST_AMQP_URL is not set (e.g. amqp://guest:guest@127.0.0.1:5672); .ci/run sets it',
  transport: (namespace) => {
    const transport = rabbitmq({ url: url!, prefix: namespace });
    created.set(namespace, [...(created.get(namespace) ?? []), transport]);
    return transport;
  },
  cleanup: async (namespace) => {
    // The queues were declared by the namespace's transports; a fresh connection deletes them.
    const names = new Set<string>();
    for (const t of created.get(namespace) ?? [])
      for (const q of (t as unknown as { queues: Set<string> }).queues) names.add(q);
    const cleaner = rabbitmq({ url: url!, prefix: namespace });
    await cleaner.connect();
    for (const q of names) (cleaner as unknown as { queues: Set<string> }).queues.add(q);
    await cleaner.deleteResources();
    await cleaner.close();
    created.delete(namespace);
  },
});
