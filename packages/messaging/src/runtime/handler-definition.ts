import type { DiscoveredClass } from '@tenon/core';
import type { HandlerMetadata, HandlerParam } from '../metadata/handler-metadata';
import type { RetryPolicy } from '../transport/retry-policy';

/** One discovered handler, everything the dispatcher needs resolved once at boot. */
export interface HandlerDefinition {
  readonly owner: DiscoveredClass;
  readonly methodName: string;
  /** `Class.method`, for logs and errors. */
  readonly label: string;
  readonly metadata: HandlerMetadata;
  readonly group: string;
  readonly concurrency: number;
  readonly retry: RetryPolicy;
  readonly idempotent: boolean;
  readonly params: readonly HandlerParam[];
  /** `design:paramtypes` of the method. */
  readonly paramTypes: readonly unknown[];
}
