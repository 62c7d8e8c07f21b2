import type { ColumnOptions } from '../metadata/entity-metadata';
import { columnDecorator } from './column.decorator';

/**
 * Optimistic locking: `save` of an existing entity updates only if the row still has the version
 * that was read, and increments it; otherwise it throws `OptimisticLockError`. A new entity
 * starts at 0. It also decides newness: an entity without a version is new (inserted).
 *
 * @example
 * @Version() version!: number;
 */
export function Version(options: Pick<ColumnOptions, 'name'> = {}): PropertyDecorator {
  return columnDecorator({ ...options, type: 'integer', nullable: false }, 'version');
}
