/** How failed event messages are delivered again. */
export interface RetryPolicy {
  /** Deliveries in all, the first included, before the message goes to the dead letters (default 5). */
  readonly maxDeliveries: number;
  /** Delay before the second delivery, in ms (default 1000); doubled for each later one. */
  readonly initialDelayMs: number;
  /** The longest delay, in ms (default 60000). */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxDeliveries: 5, initialDelayMs: 1000, maxDelayMs: 60_000 };

/** The delay before delivery `deliveryCount + 1`, exponential and capped. */
export function backoffDelay(policy: RetryPolicy, deliveryCount: number): number {
  const delay = policy.initialDelayMs * 2 ** Math.max(0, deliveryCount - 1);
  return Math.min(delay, policy.maxDelayMs);
}
