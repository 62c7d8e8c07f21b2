/** Headers every message carries (lower-case names). */
export const HEADER = {
  MESSAGE_ID: 'tenon-message-id',
  CONTENT_TYPE: 'content-type',
  /** On a reply: the error the responder's handler threw, as JSON `{ code, message }`. */
  ERROR: 'tenon-error',
  /** On a dead letter: why it was dead-lettered. */
  DEAD_LETTER_REASON: 'tenon-dead-letter-reason',
  /** On a dead letter: the subject it was published on. */
  ORIGINAL_SUBJECT: 'tenon-original-subject',
  /** On a dead letter: the consumer group that gave up on it. */
  GROUP: 'tenon-group',
} as const;

/** A message as transports move it: the subject, the encoded body and string headers. */
export interface TransportMessage {
  readonly subject: string;
  readonly body: Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * One delivery of an event message to one consumer group. Exactly one of `ack`, `retry` and
 * `deadLetter` is called by the runtime for each delivery.
 */
export interface Delivery extends TransportMessage {
  /** The message id (`tenon-message-id`), stable across redeliveries. */
  readonly id: string;
  /** 1 for the first delivery, 2 for the first redelivery... */
  readonly deliveryCount: number;
  ack(): Promise<void>;
  /** Delivers the message again after `delayMs` (at least). */
  retry(delayMs: number): Promise<void>;
  /** Moves the message to the dead letters of its group with `reason`, then acknowledges it. */
  deadLetter(reason: string): Promise<void>;
}

/** A request waiting for its reply. */
export interface RequestDelivery extends TransportMessage {
  readonly id: string;
  respond(reply: { body: Uint8Array; headers: Record<string, string> }): Promise<void>;
}

/**
 * What `ConsumerSpec.handle()` returns for a delivery it finished within the call (a handler
 * that returned at once, on a transport with nothing to acknowledge): a transport that compares
 * with it can go on to the next delivery without waiting a turn of the event loop for it.
 */
export const HANDLED: Promise<void> = Promise.resolve();

/** What the runtime asks a transport to consume. */
export interface ConsumerSpec {
  readonly subject: string;
  readonly group: string;
  /** Deliveries handled at once by this instance. */
  readonly concurrency: number;
  /** Broker-side cap, a little above the runtime's own count (the runtime dead-letters first). */
  readonly maxDeliveries: number;
  /** Resolves once the delivery is settled; never rejects. `HANDLED` when it was in this call. */
  handle(delivery: Delivery): Promise<void>;
}

export interface ResponderSpec {
  readonly subject: string;
  readonly group: string;
  readonly concurrency: number;
  handle(request: RequestDelivery): Promise<void>;
}

/** A dead-lettered message, as `transport.deadLetters()` reads it back. */
export interface DeadLetter extends TransportMessage {
  readonly reason: string;
}

/** What readiness shows of a transport. */
export interface TransportStatus {
  readonly connected: boolean;
  readonly details: Record<string, unknown>;
}

/**
 * A broker behind the messaging runtime: the in-memory one, NATS JetStream, RabbitMQ and Redis
 * Streams implement it, and one contract suite (test/contract) runs unchanged on each.
 */
export interface MessagingTransport {
  /** e.g. 'nats-jetstream'. */
  readonly name: string;
  /**
   * True where the broker neither stores, acknowledges nor redelivers (core NATS): the runtime
   * then drops a failed event at once instead of asking for a retry nobody would make, calls no
   * `ack()` (there is nothing to acknowledge), and `emit()` gives an event a message id only when
   * its caller does (`EmitOptions.messageId`, the outbox): the id is what de-duplicates a
   * redelivery, and such a broker makes none. A delivery without one gets a fresh id.
   */
  readonly atMostOnce?: boolean;
  connect(): Promise<void>;
  /** Publishes an event; resolves once the broker has stored it (confirms, acks). */
  publish(message: TransportMessage): Promise<void>;
  /** Sends a request and resolves with the reply; rejects with coded errors on timeout / no responder. */
  request(message: TransportMessage, timeoutMs: number): Promise<TransportMessage>;
  consume(spec: ConsumerSpec): Promise<void>;
  respond(spec: ResponderSpec): Promise<void>;
  /** Stops taking new deliveries and requests (in-flight ones go on). */
  stopConsuming(): Promise<void>;
  /** Closes the connections. */
  close(): Promise<void>;
  status(): TransportStatus;
  /** Reads (without removing) up to `limit` dead letters of `group` for `subject`. */
  deadLetters(subject: string, group: string, limit?: number): Promise<DeadLetter[]>;
}
