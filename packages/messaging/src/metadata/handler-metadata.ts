import type { RetryPolicy } from '../transport/retry-policy';

/** What `@MessagePattern` / `@EventPattern` record on a method. */
export interface HandlerMetadata {
  readonly kind: 'request' | 'event';
  readonly subject: string;
  readonly options: EventPatternOptions;
}

/** Options of `@EventPattern` (and of `@MessagePattern`, where only `concurrency` applies). */
export interface EventPatternOptions {
  /**
   * The consumer group: instances with the same group share the messages (each message is handled
   * by one of them); different groups each get every message. Default: the module's `group`
   * option, else the class and method name.
   */
  readonly group?: string;
  /** How many messages this handler runs at once in one instance (default: the module's, 16). */
  readonly concurrency?: number;
  /** Redelivery of failed messages (default: the module's `retry`). */
  readonly retry?: Partial<RetryPolicy>;
}

/** One parameter decorator on a handler. */
export interface HandlerParam {
  readonly index: number;
  readonly kind: 'payload' | 'ctx';
  /** For `@Payload('key')`: a property of the payload. */
  readonly key?: string;
  readonly pipes: readonly PayloadPipe[];
}

/**
 * A pipe for a payload parameter: anything with `transform(value, metadata)`. Pipes of
 * `@tenon/http` (ParseIntPipe...) have this shape and can be given as they are.
 */
export interface PayloadPipe {
  transform(value: unknown, metadata: { type: 'custom'; metatype?: Function; data?: string }): unknown;
}
