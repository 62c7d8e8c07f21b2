import type { ColumnOptions } from '../metadata/entity-metadata';
import { columnDecorator } from './column.decorator';

/**
 * Set to the current time when the entity is inserted.
 *
 * @example
 * @CreatedDate() createdAt!: Date;
 */
export function CreatedDate(options: Pick<ColumnOptions, 'name'> = {}): PropertyDecorator {
  return columnDecorator({ ...options, type: 'timestamp', nullable: false }, 'createdDate');
}

/**
 * Set to the current time on insert and on every update.
 *
 * @example
 * @LastModifiedDate() updatedAt!: Date;
 */
export function LastModifiedDate(options: Pick<ColumnOptions, 'name'> = {}): PropertyDecorator {
  return columnDecorator({ ...options, type: 'timestamp', nullable: false }, 'lastModifiedDate');
}

/**
 * Set on insert to what the `AuditorProvider` returns (null without one).
 *
 * @example
 * @CreatedBy() createdBy!: string | null;
 */
export function CreatedBy(options: ColumnOptions = {}): PropertyDecorator {
  return columnDecorator(options, 'createdBy');
}

/**
 * Set on insert and every update to what the `AuditorProvider` returns.
 *
 * @example
 * @LastModifiedBy() updatedBy!: string | null;
 */
export function LastModifiedBy(options: ColumnOptions = {}): PropertyDecorator {
  return columnDecorator(options, 'lastModifiedBy');
}
