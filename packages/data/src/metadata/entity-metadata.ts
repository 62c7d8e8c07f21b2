import type { Type } from '@tenon/core';
import type { ColumnType } from './column-type';

/** A column default: a literal, or a function called for each insert. */
export type ColumnDefault = string | number | boolean | null | (() => unknown);

/**
 * Options of `@Column()` (and of the other column decorators).
 *
 * @example
 * @Column({ length: 200 }) title!: string;
 * @Column({ type: 'json', nullable: true }) tags!: string[] | null;
 * @Column({ type: 'decimal', precision: 10, scale: 2 }) price!: string;
 */
export interface ColumnOptions {
  /** The column name; default: the property in snake_case. */
  name?: string;
  /** Required when reflection cannot tell (unions, arrays, interfaces). */
  type?: ColumnType;
  /** Default false. */
  nullable?: boolean;
  unique?: boolean;
  /** Applied on insert when the value is undefined, and in `create` mode as the SQL default (literals). */
  default?: ColumnDefault;
  /** For `string` (default 255): longer values are rejected before reaching SQL. */
  length?: number;
  /** For `decimal`. */
  precision?: number;
  scale?: number;
}

/** What a column is for, beyond holding a value. */
export type ColumnRole =
  'id' | 'version' | 'createdDate' | 'lastModifiedDate' | 'createdBy' | 'lastModifiedBy';

/** One column of an entity, resolved. */
export interface ColumnMetadata {
  readonly property: string;
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  readonly unique: boolean;
  readonly default: ColumnDefault | undefined;
  readonly length: number | undefined;
  readonly precision: number | undefined;
  readonly scale: number | undefined;
  readonly role: ColumnRole | undefined;
  /** For the id: how it is generated. */
  readonly generated: 'identity' | 'uuid' | undefined;
  /** `bigint` columns typed `bigint` in TypeScript are read as bigint, else as number. */
  readonly designType: unknown;
}

/** A relation, resolved. */
export interface RelationMetadata {
  readonly property: string;
  readonly kind: 'many-to-one' | 'one-to-many';
  readonly target: () => Type;
  /**
   * many-to-one: the property of this entity holding the foreign key.
   * one-to-many: the property of the target entity holding the foreign key to this one.
   */
  readonly foreignKey: string;
}

/**
 * A unique constraint or an index over one or more properties, for `@Entity(table, options)`:
 * the property names, or an object that also names it in the database.
 *
 * @example
 * ['userId', 'articleId']
 * { columns: ['userId', 'articleId'], name: 'one_favorite_per_user' }
 */
export type IndexDefinition =
  readonly string[] | { readonly columns: readonly string[]; readonly name?: string };

/**
 * Options of `@Entity()`: constraints and indexes that span several columns (a single-column
 * unique constraint is `@Column({ unique: true })`). `schema: 'create'` builds them, `validate`
 * reports the missing ones and `tenon-data generate` writes them.
 *
 * @example
 * @Entity('favorites', { uniques: [['userId', 'articleId']], indexes: [['articleId', 'createdAt']] })
 */
export interface EntityOptions {
  /** Unique constraints: no two rows may have the same values in all of these columns. */
  uniques?: readonly IndexDefinition[];
  /** Plain (non-unique) indexes, columns in the order given. */
  indexes?: readonly IndexDefinition[];
}

/**
 * A unique constraint or index, resolved. Default names follow PostgreSQL's convention:
 * `<table>_<columns>_key` for unique constraints, `<table>_<columns>_idx` for indexes.
 */
export interface IndexMetadata {
  readonly name: string;
  readonly columns: readonly ColumnMetadata[];
  readonly unique: boolean;
}

/** An entity, resolved: what repositories and schema tools read. */
export interface EntityMetadata {
  readonly target: Type;
  readonly name: string;
  readonly table: string;
  readonly columns: readonly ColumnMetadata[];
  readonly byProperty: ReadonlyMap<string, ColumnMetadata>;
  readonly id: ColumnMetadata;
  readonly version: ColumnMetadata | undefined;
  readonly createdDate: ColumnMetadata | undefined;
  readonly lastModifiedDate: ColumnMetadata | undefined;
  readonly createdBy: ColumnMetadata | undefined;
  readonly lastModifiedBy: ColumnMetadata | undefined;
  readonly relations: ReadonlyMap<string, RelationMetadata>;
  /** Unique constraints: `@Column({ unique: true })` columns first, then `@Entity({ uniques })`. */
  readonly uniques: readonly IndexMetadata[];
  /** Plain indexes from `@Entity({ indexes })`. */
  readonly indexes: readonly IndexMetadata[];
}
