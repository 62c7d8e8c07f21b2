import { recordEntity } from '../metadata/metadata-store';

/**
 * Marks a class as an entity stored in `table` (default: the class name in snake_case).
 *
 * @example
 * @Entity('todos')
 * export class Todo {
 *   @Id({ generated: 'identity' }) id!: number;
 *   @Column() title!: string;
 * }
 */
export function Entity(table?: string): ClassDecorator {
  return (target) => {
    recordEntity(target, { table });
  };
}
