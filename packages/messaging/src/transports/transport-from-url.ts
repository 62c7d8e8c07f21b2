import { InvalidTransportUrlError } from '../errors/boot.errors';
import type { MessagingTransport } from '../transport/transport';
import { InMemoryBroker } from './in-memory-broker';
import { inMemory } from './in-memory.transport';

// `memory://<name>` brokers, by name: the one place two applications of a process meet in memory.
const namedBrokers = new Map<string, InMemoryBroker>();
import { natsJetStream } from './nats-jetstream.transport';
import { rabbitmq } from './rabbitmq.transport';
import { redisStreams } from './redis-streams.transport';

/**
 * The transport a URL names, so that configuration picks the broker: `nats://` NATS JetStream,
 * `amqp://` or `amqps://` RabbitMQ, `redis://` or `rediss://` Redis Streams, and `memory://` (or
 * an empty string) an in-process broker of its own (nothing leaves the process: an application
 * with no broker configured still runs). `memory://<name>` is one in-process broker shared by
 * every application of the process that names it: an API and its worker side by side in one
 * e2e test. `prefix` names the broker's streams, exchanges or keys.
 *
 * @example
 * MessagingModule.forRootAsync({
 *   inject: [AppConfig],
 *   useFactory: (c: AppConfig) => ({ transport: transportFromUrl(c.messagingUrl, { prefix: 'conduit' }) }),
 * })
 */
export function transportFromUrl(url: string, options: { prefix?: string } = {}): MessagingTransport {
  const scheme = url === '' ? 'memory:' : /^([a-z]+:)\/\//.exec(url)?.[1];
  const prefix = options.prefix !== undefined ? { prefix: options.prefix } : {};
  switch (scheme) {
    case 'memory:': {
      const name = url.slice('memory://'.length);
      if (!name) return inMemory();
      let broker = namedBrokers.get(name);
      if (!broker) namedBrokers.set(name, (broker = new InMemoryBroker()));
      return inMemory({ broker });
    }
    case 'nats:':
      return natsJetStream({ servers: url, ...prefix });
    case 'amqp:':
    case 'amqps:':
      return rabbitmq({ url, ...prefix });
    case 'redis:':
    case 'rediss:':
      return redisStreams({ url, ...prefix });
    default:
      throw new InvalidTransportUrlError(url);
  }
}
