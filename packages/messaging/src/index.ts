// Types only: @tenon/core checks at import that the Reflect metadata polyfill is loaded.
import type {} from 'reflect-metadata';

export { MessagingErrorCode } from './errors/errors';
export {
  InvalidSubjectError,
  DuplicateResponderError,
  ClientLibraryMissingError,
  DataModuleMissingError,
  EnhancerNotProvidedError,
  HttpPackageMissingError,
  InvalidTransportUrlError,
} from './errors/boot.errors';
export {
  RequestTimeoutError,
  NoResponderError,
  RemoteError,
  InvalidPayloadError,
  UndecodableMessageError,
  ClientClosedError,
  OutboxOutsideTransactionError,
  WaitTimeoutError,
  MessageForbiddenError,
  BrokerUnavailableError,
} from './errors/runtime.errors';

export { MessagingModule, MESSAGING_OPTIONS } from './module/messaging.module';
export { MESSAGING_TRANSPORT } from './module/messaging-options';
export type { MessagingModuleOptions, OutboxOptions, MetricsRegistryLike } from './module/messaging-options';

export { MessagePattern } from './decorators/message-pattern.decorator';
export { EventPattern } from './decorators/event-pattern.decorator';
export { Payload, Ctx } from './decorators/payload.decorator';
export { Idempotent } from './decorators/idempotent.decorator';
export { OnEvent } from './decorators/on-event.decorator';
export type { OnEventOptions } from './decorators/on-event.decorator';
export type { EventPatternOptions, PayloadPipe } from './metadata/handler-metadata';

export { MessageContext } from './runtime/message-context';
export { MessageExecutionContext } from './runtime/message-execution-context';
export type { RpcArgumentsHost } from './runtime/message-execution-context';
export { MessageObserver } from './runtime/message-observer';
export type { MessageOutcome } from './runtime/message-observer';
export { MessagingRuntime } from './runtime/messaging-runtime';
export { MessagingClient } from './client/messaging-client';
export type { EmitOptions, SendOptions } from './client/messaging-client';
export { jsonCodec } from './codec/codec';
export type { Codec } from './codec/codec';

export { Outbox } from './outbox/outbox';
export { OutboxRelay } from './outbox/outbox-relay';
export { OUTBOX_TABLE } from './outbox/outbox-table';
export { INBOX_TABLE } from './inbox/inbox-store';
export { EventBus } from './events/event-bus';
export { MessagingHealthIndicator } from './health/messaging-health.indicator';
export type { MessagingHealthResult } from './health/messaging-health.indicator';

export { HANDLED, HEADER } from './transport/transport';
export type {
  MessagingTransport,
  TransportMessage,
  Delivery,
  RequestDelivery,
  ConsumerSpec,
  ResponderSpec,
  DeadLetter,
  TransportStatus,
} from './transport/transport';
export { DEFAULT_RETRY } from './transport/retry-policy';
export type { RetryPolicy } from './transport/retry-policy';
export { inMemory, InMemoryTransport } from './transports/in-memory.transport';
export type { InMemoryTransportOptions } from './transports/in-memory.transport';
export { InMemoryBroker } from './transports/in-memory-broker';
export { natsJetStream, NatsJetStreamTransport } from './transports/nats-jetstream.transport';
export type { NatsJetStreamOptions } from './transports/nats-jetstream.transport';
export { natsCore, NatsCoreTransport } from './transports/nats-core.transport';
export type { NatsCoreOptions } from './transports/nats-core.transport';
export { rabbitmq, RabbitMqTransport } from './transports/rabbitmq.transport';
export type { RabbitMqOptions } from './transports/rabbitmq.transport';
export { redisStreams, RedisStreamsTransport } from './transports/redis-streams.transport';
export { transportFromUrl } from './transports/transport-from-url';
export type { RedisStreamsOptions } from './transports/redis-streams.transport';
