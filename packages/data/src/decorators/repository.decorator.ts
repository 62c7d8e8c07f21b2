import { Injectable, type Type } from '@tenon/core';

const REPOSITORY_ENTITY = Symbol('tenon:data:repositoryEntity');

/**
 * Declares a repository of `entity`. The class extends `CrudRepository<Entity, Id>` and is
 * registered with `DataModule.forFeature([TodoRepository])`.
 *
 * @example
 * @Repository(Todo)
 * export class TodoRepository extends CrudRepository<Todo, number> {
 *   findByDone = this.derive('findByDone');
 * }
 */
export function Repository(entity: Type): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(REPOSITORY_ENTITY, entity, target);
    Injectable()(target);
  };
}

/** The entity a repository class was declared for. */
export function repositoryEntity(repository: Function): Type | undefined {
  return Reflect.getMetadata(REPOSITORY_ENTITY, repository) as Type | undefined;
}
