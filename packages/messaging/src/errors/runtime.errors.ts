import { TenonError } from '@tenon/core';
import { MessagingErrorCode } from './errors';

/**
 * `send()` got no reply within its time limit.
 *
 * @example
 * await client.send('prices.quote', { sku: 'a' }, { timeout: 500 }); // nobody answered in 500 ms
 */
export class RequestTimeoutError extends TenonError {
  constructor(subject: string, timeoutMs: number) {
    super(
      MessagingErrorCode.REQUEST_TIMEOUT,
      `No reply to the request on '${subject}' within ${timeoutMs} ms.\n` +
        `  Cause: the responder is slow, stopped, or its handler never returned.\n` +
        `  Fix: check that an application with a @MessagePattern('${subject}') handler is running, or raise the timeout (send(subject, data, { timeout })).`,
    );
  }
}

/** `send()` found no responder for its subject (the broker said so at once). */
export class NoResponderError extends TenonError {
  constructor(subject: string) {
    super(
      MessagingErrorCode.NO_RESPONDER,
      `No responder listens on '${subject}'.\n` +
        `  Cause: no running application has a @MessagePattern('${subject}') handler on this broker (and prefix).\n` +
        `  Fix: start the responder, or check the subject and the transport's prefix on both sides.`,
    );
  }
}

/** The responder's handler failed; `remoteCode` and `remoteMessage` are what it threw. */
export class RemoteError extends TenonError {
  constructor(
    readonly subject: string,
    readonly remoteCode: string | undefined,
    readonly remoteMessage: string,
  ) {
    super(
      MessagingErrorCode.REMOTE_ERROR,
      `The handler of '${subject}' failed${remoteCode ? ` with ${remoteCode}` : ''}: ${remoteMessage}`,
    );
  }
}

/** A message's payload failed validation against the handler's DTO; it is dead-lettered, not retried. */
export class InvalidPayloadError extends TenonError {
  constructor(
    subject: string,
    handler: string,
    readonly violations: readonly string[],
  ) {
    super(
      MessagingErrorCode.INVALID_PAYLOAD,
      `The payload of a message on '${subject}' is invalid for ${handler} (${violations.length} problem${violations.length === 1 ? '' : 's'}):\n` +
        violations.map((v) => `  - ${v}`).join('\n') +
        `\n  Fix: send a payload that matches the handler's @Payload() DTO; the message was dead-lettered without a retry because a retry cannot make it valid.`,
    );
  }
}

/** A message's body could not be decoded by the codec. */
export class UndecodableMessageError extends TenonError {
  constructor(subject: string, codec: string, cause: unknown) {
    super(
      MessagingErrorCode.UNDECODABLE_MESSAGE,
      `A message on '${subject}' could not be decoded as ${codec}: ${cause instanceof Error ? cause.message : String(cause)}.\n` +
        `  Fix: publish with the same codec as the consumer; the message was dead-lettered without a retry.`,
      { cause },
    );
  }
}

/** The client was used after the application closed. */
export class ClientClosedError extends TenonError {
  constructor(operation: string) {
    super(
      MessagingErrorCode.CLIENT_CLOSED,
      `MessagingClient.${operation}() was called after the application closed its broker connection.\n` +
        `  Fix: publish before app.close(), or from a new application.`,
    );
  }
}

/** `Outbox.publish()` was called outside a transaction. */
export class OutboxOutsideTransactionError extends TenonError {
  constructor(subject: string) {
    super(
      MessagingErrorCode.OUTBOX_OUTSIDE_TRANSACTION,
      `Outbox.publish('${subject}') was called outside a transaction.\n` +
        `  Cause: the outbox row must be written in the same transaction as the change it announces, or a rollback could still send it.\n` +
        `  Fix: call it from a @Transactional() method or inside transactionManager.run(() => ...); use MessagingClient.emit() for messages that need no transaction.`,
    );
  }
}

/** A test helper waited for a handled message that did not come. */
export class WaitTimeoutError extends TenonError {
  constructor(subject: string, timeoutMs: number) {
    super(
      MessagingErrorCode.WAIT_TIMEOUT,
      `No message on '${subject}' was handled within ${timeoutMs} ms.\n` +
        `  Fix: check that a handler listens on '${subject}' and that the message was emitted; raise the timeout for slow brokers.`,
    );
  }
}

/**
 * A guard of the handler returned `false` for a message. Events are dead-lettered without a
 * retry; a request's caller gets a `RemoteError` with this code.
 *
 * @example
 * @UseGuards(TenantGuard) @EventPattern('orders.created') onCreated() {} // TenantGuard said false
 */
export class MessageForbiddenError extends TenonError {
  constructor(subject: string, handler: string) {
    super(
      MessagingErrorCode.FORBIDDEN_BY_GUARD,
      `A guard of ${handler} refused a message on '${subject}'.\n` +
        `  Cause: a guard's canActivate() returned false for this message (its headers or payload).\n` +
        `  Fix: send the message with what the guard checks (e.g. its headers), or change the guard; an event is dead-lettered, not retried, since a retry gets the same answer.`,
    );
  }
}

/**
 * The broker connection is down and did not come back in time for a publish or a request; the
 * transport goes on reconnecting by itself.
 *
 * @example
 * await client.emit('orders.created', order); // RabbitMQ stopped 30 s ago and is not back
 */
export class BrokerUnavailableError extends TenonError {
  constructor(transport: string, waitedMs: number, lastError: string | undefined) {
    super(
      MessagingErrorCode.BROKER_UNAVAILABLE,
      `The ${transport} connection is down and did not come back within ${waitedMs} ms${lastError ? ` (last error: ${lastError})` : ''}.\n` +
        `  Cause: the broker is stopped or unreachable; the transport reconnects by itself, with backoff, and resumes its consumers.\n` +
        `  Fix: check the broker; the message was not sent: try again later, or publish through the Outbox, whose relay retries until the broker is back.`,
    );
  }
}
