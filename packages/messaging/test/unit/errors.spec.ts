import 'reflect-metadata';
import {
  ClientLibraryMissingError,
  DataModuleMissingError,
  EventPattern,
  HttpPackageMissingError,
  InvalidPayloadError,
  MessagingErrorCode,
  NoResponderError,
  OutboxOutsideTransactionError,
  RemoteError,
  RequestTimeoutError,
  UndecodableMessageError,
  WaitTimeoutError,
  MessageObserver,
  BrokerUnavailableError,
} from '@tenon/messaging';
import { describeErrorCodesDocumented } from '../../../../test-support/error-codes-documented';

describeErrorCodesDocumented('@tenon/messaging', MessagingErrorCode);

describe('error codes and messages', () => {
  it('rejects a subject with spaces at decoration time', () => {
    expect(() => EventPattern('orders created')).toThrow(
      expect.objectContaining({
        code: MessagingErrorCode.INVALID_SUBJECT,
        message:
          `@EventPattern() was given the subject "orders created", which is not a valid subject.\n` +
          `  Cause: a subject is one or more dot-separated tokens of letters, digits, '-' and '_' (e.g. 'orders.created'); spaces, wildcards ('*', '>', '#') and empty tokens mean different things on NATS, RabbitMQ and Redis.\n` +
          `  Fix: use a subject such as 'orders.created'.`,
      }),
    );
    expect(() => EventPattern('orders.>')).toThrow(
      expect.objectContaining({ code: MessagingErrorCode.INVALID_SUBJECT }),
    );
    expect(() => EventPattern('')).toThrow(
      expect.objectContaining({ code: MessagingErrorCode.INVALID_SUBJECT }),
    );
  });

  it.each([
    [
      new ClientLibraryMissingError(
        'NATS JetStream',
        ['@nats-io/transport-node', '@nats-io/jetstream'],
        new Error('x'),
      ),
      MessagingErrorCode.CLIENT_LIBRARY_MISSING,
      'The NATS JetStream transport needs @nats-io/transport-node and @nats-io/jetstream, which could not be loaded.\n  Cause: the broker client libraries are optional peer dependencies of @tenon/messaging.\n  Fix: npm install @nats-io/transport-node @nats-io/jetstream',
    ],
    [
      new HttpPackageMissingError(['APP_GUARD of WorkerModule']),
      MessagingErrorCode.HTTP_PACKAGE_MISSING,
      "The application registers APP_GUARD of WorkerModule, and @tenon/http, which runs guards, interceptors, pipes and filters on message handlers, is not installed.\n  Cause: message handlers apply the APP_* enhancers through @tenon/http's handler pipeline (an optional peer of @tenon/messaging); without it they would run unguarded.\n  Fix: npm install @tenon/http (no HTTP server is started: a plain ApplicationContext worker applies them too), or remove these providers.",
    ],
    [
      new DataModuleMissingError('Outbox'),
      MessagingErrorCode.DATA_MODULE_MISSING,
      "Outbox needs a database from @tenon/data, and no TransactionManager is registered.\n  Cause: the inbox and the outbox are tables written in the same transaction as the handler's or the service's work.\n  Fix: import DataModule.forRoot({ url }) in the application (and install @tenon/data).",
    ],
    [
      new RequestTimeoutError('prices.quote', 500),
      MessagingErrorCode.REQUEST_TIMEOUT,
      "No reply to the request on 'prices.quote' within 500 ms.\n  Cause: the responder is slow, stopped, or its handler never returned.\n  Fix: check that an application with a @MessagePattern('prices.quote') handler is running, or raise the timeout (send(subject, data, { timeout })).",
    ],
    [
      new NoResponderError('prices.quote'),
      MessagingErrorCode.NO_RESPONDER,
      "No responder listens on 'prices.quote'.\n  Cause: no running application has a @MessagePattern('prices.quote') handler on this broker (and prefix).\n  Fix: start the responder, or check the subject and the transport's prefix on both sides.",
    ],
    [
      new RemoteError('a.b', undefined, 'boom'),
      MessagingErrorCode.REMOTE_ERROR,
      "The handler of 'a.b' failed: boom",
    ],
    [
      new InvalidPayloadError('a.b', 'H.m', ['id: id must be an integer number']),
      MessagingErrorCode.INVALID_PAYLOAD,
      "The payload of a message on 'a.b' is invalid for H.m (1 problem):\n  - id: id must be an integer number\n  Fix: send a payload that matches the handler's @Payload() DTO; the message was dead-lettered without a retry because a retry cannot make it valid.",
    ],
    [
      new UndecodableMessageError('a.b', 'JSON', new Error('Unexpected token')),
      MessagingErrorCode.UNDECODABLE_MESSAGE,
      "A message on 'a.b' could not be decoded as JSON: Unexpected token.\n  Fix: publish with the same codec as the consumer; the message was dead-lettered without a retry.",
    ],
    [
      new OutboxOutsideTransactionError('a.b'),
      MessagingErrorCode.OUTBOX_OUTSIDE_TRANSACTION,
      "Outbox.publish('a.b') was called outside a transaction.\n  Cause: the outbox row must be written in the same transaction as the change it announces, or a rollback could still send it.\n  Fix: call it from a @Transactional() method or inside transactionManager.run(() => ...); use MessagingClient.emit() for messages that need no transaction.",
    ],
    [
      new WaitTimeoutError('a.b', 100),
      MessagingErrorCode.WAIT_TIMEOUT,
      "No message on 'a.b' was handled within 100 ms.\n  Fix: check that a handler listens on 'a.b' and that the message was emitted; raise the timeout for slow brokers.",
    ],
    [
      new BrokerUnavailableError('RabbitMQ', 30000, 'connect ECONNREFUSED 127.0.0.1:5672'),
      MessagingErrorCode.BROKER_UNAVAILABLE,
      'The RabbitMQ connection is down and did not come back within 30000 ms (last error: connect ECONNREFUSED 127.0.0.1:5672).\n  Cause: the broker is stopped or unreachable; the transport reconnects by itself, with backoff, and resumes its consumers.\n  Fix: check the broker; the message was not sent: try again later, or publish through the Outbox, whose relay retries until the broker is back.',
    ],
  ])('%#: %s', (error, code, message) => {
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });

  it('times out waiting for a message nobody handles', async () => {
    await expect(new MessageObserver().handled('never.sent', { timeout: 20 })).rejects.toMatchObject({
      code: MessagingErrorCode.WAIT_TIMEOUT,
    });
  });
});
