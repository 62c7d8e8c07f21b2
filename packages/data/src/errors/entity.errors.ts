import { COLUMN_TYPES } from '../metadata/column-type';
import { DataError } from './data.error';
import { DataErrorCode } from './errors';

export function notAnEntity(name: string, usedBy?: string): DataError {
  return new DataError(
    DataErrorCode.NOT_AN_ENTITY,
    `${name} is not an entity${usedBy !== undefined ? ` (used by ${usedBy})` : ''}: it has no @Entity() decorator. ` +
      `Add @Entity('table_name') to the class.`,
  );
}

export function entityWithoutId(name: string): DataError {
  return new DataError(
    DataErrorCode.ENTITY_WITHOUT_ID,
    `Entity ${name} has no @Id() property. Add one, e.g. @Id({ generated: 'identity' }) id!: number;`,
  );
}

export function columnTypeUnknown(
  entity: string,
  property: string,
  designType: unknown,
  given?: string,
): DataError {
  const reflected =
    given !== undefined
      ? `the explicit type '${given}' is not a column type`
      : designType === undefined
        ? 'no type metadata was emitted (the compiler ran without emitDecoratorMetadata, e.g. esbuild, tsx or Vitest without swc)'
        : `its TypeScript type reflects as ${typeof designType === 'function' ? designType.name || 'an anonymous type' : String(designType)}, which has no single column type (unions such as "number | null" under swc, arrays, interfaces and object types reflect as Object or Array)`;
  return new DataError(
    DataErrorCode.COLUMN_TYPE_UNKNOWN,
    `Cannot tell the column type of ${entity}.${property}: ${reflected}. ` +
      `Give it explicitly, e.g. @Column({ type: 'json' }); the types are ${COLUMN_TYPES.join(', ')}.`,
  );
}

export function invalidRelation(entity: string, property: string, problem: string): DataError {
  return new DataError(
    DataErrorCode.INVALID_RELATION,
    `The relation ${entity}.${property} is invalid: ${problem}.`,
  );
}

export function invalidIndex(entity: string, what: string, problem: string): DataError {
  return new DataError(
    DataErrorCode.INVALID_INDEX,
    `${what === 'index' ? 'An' : 'A'} ${what} declared in @Entity() of ${entity} is invalid: ${problem}. ` +
      `Declare it with the entity's property names, e.g. @Entity('table', { uniques: [['userId', 'articleId']] }).`,
  );
}

export function unknownRelation(entity: string, relation: string, known: readonly string[]): DataError {
  return new DataError(
    DataErrorCode.UNKNOWN_RELATION,
    `${entity} has no relation "${relation}". ` +
      (known.length > 0
        ? `Its relations are: ${known.join(', ')}.`
        : `Declare one with @ManyToOne(() => Target, 'foreignKeyProperty') or @OneToMany(() => Target, 'foreignKeyProperty').`),
  );
}

export function notARepository(name: string): DataError {
  return new DataError(
    DataErrorCode.NOT_A_REPOSITORY,
    `${name} is used as a repository but has no @Repository(Entity) decorator. ` +
      `Add @Repository(YourEntity) to the class (it must extend CrudRepository<YourEntity, Id>).`,
  );
}

export function repositoryNotBound(name: string): DataError {
  return new DataError(
    DataErrorCode.REPOSITORY_NOT_BOUND,
    `${name} has no database: it was created with "new" outside dependency injection. ` +
      `Register it with DataModule.forFeature([${name}]) and inject it, or create it with database.repository(${name}).`,
  );
}
