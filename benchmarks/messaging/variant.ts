/** A broker the messaging benchmark runs on. */
export interface Broker {
  /** `nats` is JetStream (stored, acknowledged), `nats-core` core NATS (at most once) on the same server. */
  readonly name: 'nats' | 'nats-core' | 'rabbitmq' | 'redis';
  readonly url: string;
}

/**
 * One way of moving events through a broker: Tenon, the raw client library, NestJS. `start`
 * subscribes and calls `received(sentAt)` per handled message (after its ack where the variant
 * acks); `publish` resolves once the broker took the message (confirms where the variant uses
 * them).
 */
export interface Variant {
  start(received: (sentAt: number) => void): Promise<void>;
  publish(sentAt: number): Promise<void>;
  close(): Promise<void>;
}

export type VariantFactory = (broker: Broker, namespace: string) => Variant;

/** The subject (routing key, stream) of the benchmark's events under a namespace. */
export const SUBJECT = 'bench.msg';

/** ~100 bytes of JSON with the send time, the same for every variant. */
export function payload(sentAt: number): { t: number; pad: string } {
  return { t: sentAt, pad: 'x'.repeat(80) };
}
