import type { EntityOptions } from '../metadata/entity-metadata';
import { recordEntity } from '../metadata/metadata-store';

/**
 * Marks a class as an entity stored in `table` (default: the class name in snake_case).
 * `options` declares unique constraints and indexes over several properties; their property
 * names are checked when the metadata is first used (at boot).
 *
 * @example
 * @Entity('todos')
 * export class Todo {
 *   @Id({ generated: 'identity' }) id!: number;
 *   @Column() title!: string;
 * }
 *
 * @Entity('favorites', { uniques: [['userId', 'articleId']], indexes: [['articleId']] })
 * export class Favorite {
 *   @Id({ generated: true }) id!: number;
 *   @Column() userId!: number;
 *   @Column() articleId!: number;
 * }
 */
export function Entity(table?: string, options: EntityOptions = {}): ClassDecorator {
  return (target) => {
    recordEntity(target, { table, options });
  };
}
