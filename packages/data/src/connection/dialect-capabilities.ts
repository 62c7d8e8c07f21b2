import type { DialectName } from './database-url';

/**
 * What a dialect can do. Repositories choose their SQL by these flags, and the contract tests
 * skip by them, each skip naming the flag as its reason.
 *
 * @example
 * if (!database.capabilities.returning) { ... re-read the row after insert ... }
 */
export interface DialectCapabilities {
  readonly dialect: DialectName;
  /** `INSERT/UPDATE ... RETURNING` (not on MySQL/MariaDB). */
  readonly returning: boolean;
  /** DDL inside a transaction rolls back with it (not on MySQL/MariaDB). */
  readonly transactionalDdl: boolean;
  /** `SAVEPOINT`, so `Propagation.NESTED` works. */
  readonly savepoints: boolean;
  /** One connection for the whole process (PGlite, SQLite): transactions are serialised. */
  readonly singleConnection: boolean;
  /** A native case-insensitive `ILIKE` (PostgreSQL); elsewhere `ILike` compiles to `lower(x) like lower(?)`. */
  readonly ilike: boolean;
  /** `LIKE` is case-sensitive by default (PostgreSQL yes; MySQL's default collations and SQLite's ASCII no). */
  readonly caseSensitiveLike: boolean;
  /** Isolation levels take effect (a single-connection engine has nothing to isolate from). */
  readonly isolationLevels: boolean;
  /** `readOnly` transactions are enforced by the engine, not only a hint. */
  readonly readOnlyTransactions: boolean;
  /** The engine cancels statements over `statementTimeoutMs`. */
  readonly statementTimeout: boolean;
  /** Columns have a real declared length that the engine enforces or reports. */
  readonly enforcesLength: boolean;
  /**
   * Foreign key errors name the constraint and the tables (not SQLite, whose error says only
   * "FOREIGN KEY constraint failed"; a repository still tells the table it wrote to).
   */
  readonly namesForeignKeys: boolean;
  /**
   * The engine refuses a value its column's type cannot hold (PostgreSQL; MySQL/MariaDB in their
   * default strict mode). SQLite stores 2147483648 in an INTEGER column and text in most columns.
   */
  readonly enforcesTypes: boolean;
}

const CAPABILITIES: Record<DialectName, DialectCapabilities> = {
  pglite: {
    dialect: 'pglite',
    returning: true,
    transactionalDdl: true,
    savepoints: true,
    singleConnection: true,
    ilike: true,
    caseSensitiveLike: true,
    isolationLevels: false,
    readOnlyTransactions: true,
    statementTimeout: false,
    enforcesLength: true,
    namesForeignKeys: true,
    enforcesTypes: true,
  },
  postgres: {
    dialect: 'postgres',
    returning: true,
    transactionalDdl: true,
    savepoints: true,
    singleConnection: false,
    ilike: true,
    caseSensitiveLike: true,
    isolationLevels: true,
    readOnlyTransactions: true,
    statementTimeout: true,
    enforcesLength: true,
    namesForeignKeys: true,
    enforcesTypes: true,
  },
  mysql: {
    dialect: 'mysql',
    returning: false,
    transactionalDdl: false,
    savepoints: true,
    singleConnection: false,
    ilike: false,
    caseSensitiveLike: false,
    isolationLevels: true,
    readOnlyTransactions: true,
    statementTimeout: true,
    enforcesLength: true,
    namesForeignKeys: true,
    enforcesTypes: true,
  },
  sqlite: {
    dialect: 'sqlite',
    returning: true,
    transactionalDdl: true,
    savepoints: true,
    singleConnection: true,
    ilike: false,
    caseSensitiveLike: false,
    isolationLevels: false,
    readOnlyTransactions: false,
    statementTimeout: false,
    enforcesLength: false,
    namesForeignKeys: false,
    enforcesTypes: false,
  },
};

/** The capabilities of a dialect. */
export function capabilitiesOf(dialect: DialectName): DialectCapabilities {
  return CAPABILITIES[dialect];
}
