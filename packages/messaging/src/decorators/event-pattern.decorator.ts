import { MESSAGE_HANDLER } from '../metadata/metadata-keys';
import type { EventPatternOptions, HandlerMetadata } from '../metadata/handler-metadata';
import { assertSubject } from '../metadata/subject';

/**
 * Marks a method as a handler of the events published on `subject`. Delivery is at least once:
 * the message is acknowledged only after the handler returns; when it throws, the message is
 * delivered again after a backoff, and after `retry.maxDeliveries` attempts it goes to the
 * dead letters. Combine with `@Idempotent()` for effectively-once handling.
 *
 * @example
 * @EventPattern('orders.created', { group: 'billing' })
 * async onCreated(@Payload() event: OrderCreated, @Ctx() ctx: MessageContext) { await this.billing.open(event.orderId); }
 */
export function EventPattern(subject: string, options: EventPatternOptions = {}): MethodDecorator {
  assertSubject(subject, '@EventPattern()');
  return (target, key) => {
    const metadata: HandlerMetadata = { kind: 'event', subject, options };
    Reflect.defineMetadata(MESSAGE_HANDLER, metadata, target, key);
  };
}
