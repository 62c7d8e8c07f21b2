import type { PGlite } from '@electric-sql/pglite';

/**
 * Pool settings for the server dialects (PostgreSQL, MySQL/MariaDB). The embedded ones have one
 * connection and ignore them.
 *
 * @example
 * { max: 20, idleTimeoutMs: 30_000, connectTimeoutMs: 5_000 }
 */
export interface PoolOptions {
  /** Most connections open at once. Default 10. */
  max?: number;
  /** Connections kept open when idle (PostgreSQL only). Default 0. */
  min?: number;
  /** Close a connection idle this long. Default 30 s. */
  idleTimeoutMs?: number;
  /** Give up opening a connection after this long. Default 10 s. */
  connectTimeoutMs?: number;
}

/**
 * How to reach a database.
 *
 * @example
 * await Database.connect({ url: 'postgres://app@localhost:5432/shop', pool: { max: 20 }, statementTimeoutMs: 5000 });
 */
export interface ConnectionOptions {
  /** `pglite://memory` (default), `pglite://<folder>`, `postgres://…`, `mysql://…`, `sqlite://<file>`. */
  url?: string;
  pool?: PoolOptions;
  /**
   * Cancel any statement running longer than this (PostgreSQL `statement_timeout`, MariaDB
   * `max_statement_time`, MySQL `max_execution_time` for SELECTs). Not available on PGlite/SQLite.
   */
  statementTimeoutMs?: number;
  /**
   * `pglite://` URLs only: use this already-started PGlite instead of starting one. The caller
   * keeps owning it: `Database.close()` leaves it open (`@tenon/testing` shares one per jest worker).
   *
   * @example
   * const pglite = await PGlite.create();
   * const database = await Database.connect({ url: 'pglite://memory', pglite });
   */
  pglite?: PGlite;
}
