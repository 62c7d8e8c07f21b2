import { TenonError } from '@tenon/core';
import { DataErrorCode } from './errors';

/**
 * Thrown by `save` on a `@Version` entity when the row changed (or disappeared) since it was
 * read. `status = 409` lets the HTTP layer answer with a 409 problem response without knowing
 * this package.
 *
 * @example
 * for (;;) {
 *   try { return await service.increment(id); }
 *   catch (e) { if (!(e instanceof OptimisticLockError)) throw e; }
 * }
 */
export class OptimisticLockError extends TenonError {
  /** The HTTP status this error maps to. */
  readonly status = 409;
  /** What a production response says (no entity class or id). */
  readonly clientMessage =
    'The resource was changed or deleted by another request since it was read: reload it and apply the change again.';

  constructor(
    readonly entity: string,
    readonly id: unknown,
    readonly expectedVersion: unknown,
  ) {
    super(
      DataErrorCode.OPTIMISTIC_LOCK,
      `${entity} with id ${String(id)} was changed or deleted by another transaction since it was read ` +
        `(expected version ${String(expectedVersion)}). Reload the entity and apply the change again, ` +
        `or retry the whole transaction.`,
    );
  }
}
