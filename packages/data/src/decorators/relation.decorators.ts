import type { Type } from '@tenon/core';
import { recordRelation } from '../metadata/metadata-store';

/**
 * A reference to one entity through a foreign-key column of this entity. Nothing is loaded
 * implicitly: `repo.load(posts, 'author')` fills it for a whole list in one query.
 *
 * @example
 * @Column() authorId!: number;
 * @ManyToOne(() => User, 'authorId') author?: User;
 */
export function ManyToOne(target: () => Type, foreignKey: string): PropertyDecorator {
  return (prototype, key) => {
    recordRelation(prototype, { property: String(key), kind: 'many-to-one', target, foreignKey });
  };
}

/**
 * The entities whose foreign key (`mappedBy`, a property of the target) points at this one.
 * `repo.load(users, 'posts')` fills it for a whole list in one query.
 *
 * @example
 * @OneToMany(() => Post, 'authorId') posts?: Post[];
 */
export function OneToMany(target: () => Type, mappedBy: string): PropertyDecorator {
  return (prototype, key) => {
    recordRelation(prototype, { property: String(key), kind: 'one-to-many', target, foreignKey: mappedBy });
  };
}
