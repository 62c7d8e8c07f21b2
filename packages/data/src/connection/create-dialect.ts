import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Pool as PgPool, PoolConfig as PgPoolConfig } from 'pg';
import {
  CompiledQuery,
  MysqlDialect,
  PGliteDialect,
  PostgresDialect,
  SqliteDialect,
  type DatabaseConnection,
  type Dialect,
  type MysqlPool,
  type SqliteDatabase,
} from 'kysely';
import type { ConnectionOptions } from './connection-options';
import type { ParsedDatabaseUrl } from './database-url';
import { BorrowedEngineDriver, mapDriver } from './delegating-driver';
import { invalidUrl } from '../errors/connection.errors';
import { loadPeer, type RequireFn } from './load-peer';
import type { PgliteProtocol } from './pglite/pglite-statement-runner';
import { PreparedPgliteDriver } from './pglite/prepared-pglite-driver';
import { startEmbeddedPglite, type PgliteStartModule } from './pglite/embedded-start';
import { DirectPostgresDriver } from './postgres-direct-driver';
import { takePreludes } from './postgres-prelude-connection';
import { prepareRepositoryStatements, type PgQueryClass } from './postgres-prepared-client';

interface PgModule {
  Pool: new (config: PgPoolConfig) => PgPool;
  Query: PgQueryClass;
}
interface Mysql2Module {
  createPool(config: Record<string, unknown>): MysqlPool & { on?(event: string, fn: () => void): void };
}
interface PgliteModule extends PgliteProtocol, PgliteStartModule {}
type BetterSqlite3 = new (file: string) => SqliteDatabase;

/**
 * Builds the Kysely dialect for a URL. Kysely does the SQL and the drivers; this only chooses
 * and configures them (pool, timeouts, type handling).
 */
export function createDialect(
  parsed: ParsedDatabaseUrl,
  options: ConnectionOptions,
  requireFn: RequireFn = require,
): Dialect {
  if (options.pglite !== undefined && parsed.dialect !== 'pglite') {
    throw invalidUrl(parsed.url, 'the pglite option (an already-started PGlite) needs a pglite:// URL');
  }
  switch (parsed.dialect) {
    case 'pglite':
      return options.pglite !== undefined
        ? borrowedPgliteDialect(options.pglite, requireFn)
        : pgliteDialect(parsed, requireFn);
    case 'postgres':
      return postgresDialect(parsed, options, requireFn);
    case 'mysql':
      return mysqlDialect(parsed, options, requireFn);
    case 'sqlite':
      return sqliteDialect(parsed, requireFn);
  }
}

function pgliteDialect(parsed: ParsedDatabaseUrl, requireFn: RequireFn): Dialect {
  const module = loadPeer<PgliteModule>('@electric-sql/pglite', 'pglite', requireFn);
  let engine: PGlite | undefined;
  const dialect = new PGliteDialect({
    pglite: async () => {
      // PGlite creates its data folder but not the folders above it (`./.tenon/data`).
      if (parsed.location !== 'memory') mkdirSync(dirname(resolve(parsed.location!)), { recursive: true });
      return (engine = await startEmbeddedPglite(
        module,
        parsed.location === 'memory' ? undefined : parsed.location,
      ));
    },
  });
  return mapDriver(
    dialect,
    (d) =>
      new PreparedPgliteDriver(
        d,
        () => engine,
        () => module,
      ),
  );
}

/**
 * A PGlite the caller started and keeps owning. Its module (for the protocol helpers) is loaded
 * on the first statement only, since a caller that passes an instance has usually loaded it.
 */
function borrowedPgliteDialect(pglite: PGlite, requireFn: RequireFn): Dialect {
  let helpers: PgliteProtocol | undefined;
  const load = (): PgliteProtocol =>
    (helpers ??= loadPeer<PgliteProtocol>('@electric-sql/pglite', 'pglite', requireFn));
  return mapDriver(
    new PGliteDialect({ pglite }),
    (d) => new PreparedPgliteDriver(new BorrowedEngineDriver(d), () => pglite, load),
  );
}

function postgresDialect(
  parsed: ParsedDatabaseUrl,
  options: ConnectionOptions,
  requireFn: RequireFn,
): Dialect {
  const { Pool, Query } = loadPeer<PgModule>('pg', 'postgres', requireFn);
  const pool = new Pool({
    connectionString: parsed.url,
    max: options.pool?.max ?? 10,
    min: options.pool?.min ?? 0,
    idleTimeoutMillis: options.pool?.idleTimeoutMs ?? 30_000,
    connectionTimeoutMillis: options.pool?.connectTimeoutMs ?? 10_000,
    ...(options.statementTimeoutMs !== undefined ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
  // An idle client whose backend died (server restart, pg_terminate_backend) is reported here.
  // pg-pool already drops it and opens a new one on the next query; without a listener Node
  // would crash the process on the 'error' event.
  pool.on('error', () => undefined);
  // A client whose backend dies while checked out emits 'error' itself (pg-pool only listens to
  // idle clients). The running query already fails with that error, which we translate; without
  // this listener the same event would also crash the process.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    prepareRepositoryStatements(client, Query);
  });
  // Each connection Kysely makes for a client takes a prelude (executeWithPrelude) in the
  // statement's round trip.
  return mapDriver(
    new PostgresDialect({ pool, onCreateConnection: takePreludes }),
    (d) => new DirectPostgresDriver(d, pool, Query),
  );
}

function mysqlDialect(parsed: ParsedDatabaseUrl, options: ConnectionOptions, requireFn: RequireFn): Dialect {
  const mysql = loadPeer<Mysql2Module>('mysql2', 'mysql', requireFn);
  const pool = mysql.createPool({
    uri: parsed.url,
    connectionLimit: options.pool?.max ?? 10,
    maxIdle: options.pool?.max ?? 10,
    idleTimeout: options.pool?.idleTimeoutMs ?? 30_000,
    connectTimeout: options.pool?.connectTimeoutMs ?? 10_000,
    // Dates travel as UTC so a Date read back equals the Date written, whatever the server zone.
    timezone: 'Z',
    supportBigNumbers: true,
    enableKeepAlive: true,
  });
  const timeout = options.statementTimeoutMs;
  return new MysqlDialect({
    pool,
    ...(timeout !== undefined
      ? {
          onCreateConnection: (connection: DatabaseConnection) =>
            setMysqlStatementTimeout(connection, timeout),
        }
      : {}),
  });
}

async function setMysqlStatementTimeout(connection: DatabaseConnection, ms: number): Promise<void> {
  const { rows } = await connection.executeQuery<{ v: string }>(CompiledQuery.raw('select version() as v'));
  const mariadb = /mariadb/i.test(rows[0]?.v ?? '');
  // MariaDB counts seconds (fractions allowed) for every statement; MySQL counts ms, SELECT only.
  const statement = mariadb
    ? `set session max_statement_time = ${(ms / 1000).toFixed(3)}`
    : `set session max_execution_time = ${Math.round(ms)}`;
  await connection.executeQuery(CompiledQuery.raw(statement));
}

function sqliteDialect(parsed: ParsedDatabaseUrl, requireFn: RequireFn): Dialect {
  const Sqlite = loadPeer<BetterSqlite3 | { default: BetterSqlite3 }>('better-sqlite3', 'sqlite', requireFn);
  const Ctor = typeof Sqlite === 'function' ? Sqlite : Sqlite.default;
  return new SqliteDialect({
    database: async () => new Ctor(parsed.location ?? ':memory:'),
    // SQLite ignores foreign keys unless each connection turns them on; the other engines always
    // enforce them, and the repositories' behaviour must not depend on the dialect.
    onCreateConnection: async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('pragma foreign_keys = on'));
    },
  });
}
