import { HEADER, type ConsumerSpec, type Delivery } from '../transport/transport';

/**
 * The headers of a dead letter, the same on every broker: the message's own, why it was given up
 * (cut to what brokers accept in a header), the subject it came on and the group that gave up.
 */
export function deadLetterHeaders(
  headers: Readonly<Record<string, string>>,
  reason: string,
  spec: Pick<ConsumerSpec, 'subject' | 'group'>,
): Record<string, string> {
  return {
    ...headers,
    [HEADER.DEAD_LETTER_REASON]: reason.slice(0, 2000),
    [HEADER.ORIGINAL_SUBJECT]: spec.subject,
    [HEADER.GROUP]: spec.group,
  };
}

/**
 * A delivery whose `ack`, `retry` and `deadLetter` act once between them: the runtime settles
 * each delivery once, but a handler that settles its message itself (`ctx.ack()`) and then
 * throws must not settle it twice on the broker.
 */
export function settleOnce(delivery: Delivery): Delivery {
  let settled = false;
  const once =
    <A extends unknown[]>(act: (...args: A) => Promise<void>) =>
    async (...args: A): Promise<void> => {
      if (settled) return;
      settled = true;
      await act(...args);
    };
  return {
    ...delivery,
    ack: once(delivery.ack),
    retry: once(delivery.retry),
    deadLetter: once(delivery.deadLetter),
  };
}
