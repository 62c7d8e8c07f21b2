import type { ColumnOptions, ColumnRole } from '../metadata/entity-metadata';
import { recordColumn } from '../metadata/metadata-store';
import { DESIGN_TYPE } from './design-type';

/**
 * A persistent property. The type comes from TypeScript's `design:type` (string, number,
 * boolean, Date, bigint, Uint8Array) or from `options.type`, which is required where reflection
 * cannot tell (unions, arrays, objects): the entity fails at boot with
 * TENON_DATA_COLUMN_TYPE_UNKNOWN naming the property otherwise.
 *
 * @example
 * @Column({ length: 200 }) title!: string;
 * @Column({ default: false }) done!: boolean;
 * @Column({ type: 'json', nullable: true }) tags!: string[] | null;
 */
export function Column(options: ColumnOptions = {}): PropertyDecorator {
  return columnDecorator(options, undefined);
}

/** @internal Shared by the audit and version decorators. */
export function columnDecorator(options: ColumnOptions, role: ColumnRole | undefined): PropertyDecorator {
  return (prototype, key) => {
    recordColumn(prototype, {
      property: String(key),
      options,
      role,
      generated: undefined,
      designType: Reflect.getMetadata(DESIGN_TYPE, prototype, key),
    });
  };
}
