import { DESIGN_TYPE } from './design-type';
import type { ColumnOptions } from '../metadata/entity-metadata';
import { recordColumn } from '../metadata/metadata-store';

/** Options of `@Id()`. */
export interface IdOptions extends Omit<ColumnOptions, 'nullable' | 'unique' | 'default'> {
  /**
   * `'identity'`: the database numbers rows (identity / auto-increment). `'uuid'`: a random UUID
   * made before insert. `true`: identity for numbers, uuid for strings. Absent: the application
   * assigns the id.
   */
  generated?: 'identity' | 'uuid' | boolean;
}

/**
 * The primary key.
 *
 * @example
 * @Id({ generated: 'identity' }) id!: number;
 * @Id({ generated: 'uuid' }) id!: string;
 * @Id() isbn!: string; // assigned by the application
 */
export function Id(options: IdOptions = {}): PropertyDecorator {
  return (prototype, key) => {
    const { generated, ...column } = options;
    recordColumn(prototype, {
      property: String(key),
      options: { ...column, nullable: false, unique: false },
      role: 'id',
      generated: generated === false ? undefined : generated,
      designType: Reflect.getMetadata(DESIGN_TYPE, prototype, key),
    });
  };
}
