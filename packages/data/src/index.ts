// Connection
export { Database } from './connection/database';
export type { DatabaseOptions, AuditorProvider, QueryLogEvent } from './connection/database';
export type { ConnectionOptions, PoolOptions } from './connection/connection-options';
export { parseDatabaseUrl, DEFAULT_DATABASE_URL } from './connection/database-url';
export type { DialectName, ParsedDatabaseUrl } from './connection/database-url';
export { capabilitiesOf } from './connection/dialect-capabilities';
export type { DialectCapabilities } from './connection/dialect-capabilities';
export type { DynamicSchema } from './connection/dynamic-schema';
export { executeWithPrelude } from './connection/statement-prelude';
export { startEmbeddedPglite } from './connection/pglite/embedded-start';
export type { PgliteStartModule } from './connection/pglite/embedded-start';
export type { PgliteTierUp } from './connection/pglite/start-tier-up';

// Errors
export { DataErrorCode } from './errors/errors';
export { DataError } from './errors/data.error';
export { OptimisticLockError } from './errors/optimistic-lock.error';
export { EntityNotFoundError } from './errors/query.errors';
export { DatabaseUnavailableError } from './errors/connection.errors';
export { UniqueViolationError, ForeignKeyViolationError } from './errors/constraint.errors';
export { TransactionConflictError } from './errors/transaction.errors';
export type { TransactionConflictReason } from './errors/transaction.errors';
export type {
  UniqueViolationDetails,
  ForeignKeyViolationDetails,
  ForeignKeyViolationReason,
} from './errors/constraint.errors';

// Entities
export { Entity } from './decorators/entity.decorator';
export { Id } from './decorators/id.decorator';
export type { IdOptions } from './decorators/id.decorator';
export { Column } from './decorators/column.decorator';
export { Version } from './decorators/version.decorator';
export { CreatedDate, LastModifiedDate, CreatedBy, LastModifiedBy } from './decorators/audit.decorators';
export { ManyToOne, OneToMany } from './decorators/relation.decorators';
export type { ColumnType } from './metadata/column-type';
export type {
  ColumnOptions,
  ColumnDefault,
  ColumnMetadata,
  EntityMetadata,
  EntityOptions,
  IndexDefinition,
  IndexMetadata,
  RelationMetadata,
  ColumnRole,
} from './metadata/entity-metadata';
export { getEntityMetadata, isEntity } from './metadata/entity-metadata.registry';

// Repositories
export { Repository } from './decorators/repository.decorator';
export { CrudRepository } from './repository/crud.repository';
export type { RelationKeys } from './repository/crud.repository';
export { In, Not, Gt, Gte, Lt, Lte, Between, Like, ILike, IsNull, Operator } from './repository/criteria';
export type {
  Criteria,
  CriterionValue,
  FindOptions,
  OrderBy,
  SortDirection,
  OperatorKind,
} from './repository/criteria';
export type { ColumnKeys, EntityInput, EntityPatch } from './repository/entity-types';
export { Page, Slice, Pageable } from './repository/page';
export type { PageQuery } from './repository/page';
export type {
  DerivedFinder,
  DerivedArgs,
  DerivedResult,
  ValidDerivedName,
} from './finders/derived-query.types';
export { sql } from 'kysely';
export type { Kysely, Transaction as KyselyTransaction } from 'kysely';

// Schema
export { createSchema, dropSchema } from './schema/schema-creator';
export { Migrations, MIGRATION_TABLE, MIGRATION_LOCK_TABLE } from './schema/migrations';
export type { MigrationStatus } from './schema/migrations';
export { diffSchema, describeDiff } from './schema/schema-diff';
export type { SchemaDiff } from './schema/schema-diff';
export { migrationSource, migrationFileName, writeMigration } from './schema/migration-generator';
export type { MigrationFormat } from './schema/migration-generator';
export { applySchemaMode } from './schema/schema-mode';
export type { SchemaMode } from './schema/schema-mode';

// Module and health
export { DataModule } from './module/data.module';
export type { DataModuleAsyncOptions, DataModuleExtras } from './module/data.module';
export { DATA_MODULE_OPTIONS, AUDITOR_PROVIDER } from './module/data-module-options';
export type { DataModuleOptions } from './module/data-module-options';
export { DatabaseHealthIndicator } from './health/database-health.indicator';
export type { HealthCheckResult } from './health/database-health.indicator';

// Transactions
export { TransactionManager } from './transaction/transaction-manager';
export { Transactional } from './transaction/transactional.decorator';
export { Propagation } from './transaction/propagation';
export type { TransactionOptions, IsolationLevel } from './transaction/propagation';
export { isTransientTransactionError } from './transaction/transaction-retry';
export type { TransactionRetryOptions } from './transaction/transaction-retry';
export type { TransactionStatus } from './transaction/transaction-status';
export type { TransactionHook } from './transaction/transaction-flow';
