import { IDEMPOTENT } from '../metadata/metadata-keys';

/**
 * Handles each message id once per consumer group: the id is inserted into the inbox table
 * (`tenon_inbox`, @tenon/data) in the same transaction as the handler's work, and a message whose
 * id is already there is acknowledged without running the handler. A redelivery after a crash
 * therefore changes nothing twice.
 *
 * @example
 * @EventPattern('payments.captured') @Idempotent()
 * async onCaptured(@Payload() e: PaymentCaptured) { await this.ledger.save({ paymentId: e.id, amount: e.amount }); }
 */
export function Idempotent(): MethodDecorator {
  return (target, key) => Reflect.defineMetadata(IDEMPOTENT, true, target, key);
}
