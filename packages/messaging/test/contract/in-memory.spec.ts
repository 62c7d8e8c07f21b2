import 'reflect-metadata';
import { InMemoryBroker, inMemory } from '@tenon/messaging';
import { messagingContract } from './messaging.contract';

// One broker per namespace: the transports of one test are instances on one server.
const brokers = new Map<string, InMemoryBroker>();

messagingContract({
  name: 'in-memory',
  transport: (namespace) => {
    let broker = brokers.get(namespace);
    if (!broker) brokers.set(namespace, (broker = new InMemoryBroker()));
    return inMemory({ broker });
  },
  cleanup: async (namespace) => {
    brokers.get(namespace)?.clear();
    brokers.delete(namespace);
  },
});
