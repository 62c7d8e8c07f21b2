import 'reflect-metadata';
import { Database, type DatabaseOptions } from '@tenon/data';
import { sql } from 'kysely';

/** A dialect the contract suite runs on, or why it does not. */
export interface ContractTarget {
  name: string;
  /** Creates an isolated database for one test file. */
  open?: (file: string, options?: DatabaseOptions) => Promise<Database>;
  skipReason?: string;
}

/**
 * Why SQLite cannot run here, or undefined when better-sqlite3 loads. Installed is not enough:
 * a native module built for another Node (another NODE_MODULE_VERSION) throws when loaded, and
 * the suite then skips with that reason instead of failing every test.
 */
function sqliteUnavailable(): string | undefined {
  try {
    require.resolve('better-sqlite3');
  } catch {
    return 'better-sqlite3 (an optional peer) is not installed; packages/data/scripts/sqlite-suite.sh installs it and runs this suite';
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Sqlite = require('better-sqlite3') as new (file: string) => { close(): void };
    new Sqlite(':memory:').close();
    return undefined;
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return (
      `better-sqlite3 is installed but does not load on Node ${process.version} (${first}); ` +
      'rebuild it for this Node: npm rebuild better-sqlite3 (packages/data/scripts/sqlite-suite.sh does)'
    );
  }
}

export const POSTGRES_URL = process.env.TENON_TEST_POSTGRES_URL;
export const MYSQL_URL = process.env.TENON_TEST_MYSQL_URL;

/** A PostgreSQL schema of its own per test file, so parallel files never share tables. */
export async function openPostgres(file: string, options: DatabaseOptions = {}): Promise<Database> {
  const schema = `tenon_${file.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`;
  const admin = await Database.connect({ url: POSTGRES_URL! });
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.kysely);
  await sql`create schema ${sql.id(schema)}`.execute(admin.kysely);
  await admin.close();
  const separator = POSTGRES_URL!.includes('?') ? '&' : '?';
  return Database.connect({
    ...options,
    url: `${POSTGRES_URL}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
  });
}

/** A MySQL/MariaDB database of its own per test file. */
export async function openMysql(file: string, options: DatabaseOptions = {}): Promise<Database> {
  const name = `tenon_${file.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`;
  const admin = await Database.connect({ url: MYSQL_URL! });
  await sql`drop database if exists ${sql.id(name)}`.execute(admin.kysely);
  await sql`create database ${sql.id(name)}`.execute(admin.kysely);
  await admin.close();
  const url = new URL(MYSQL_URL!);
  url.pathname = `/${name}`;
  return Database.connect({ ...options, url: url.toString() });
}

const SQLITE_UNAVAILABLE = sqliteUnavailable();

/** Every dialect, with the reason when it cannot run here. */
export const CONTRACT_TARGETS: ContractTarget[] = [
  { name: 'pglite', open: (_file, options = {}) => Database.connect({ ...options, url: 'pglite://memory' }) },
  POSTGRES_URL
    ? { name: 'postgres', open: openPostgres }
    : { name: 'postgres', skipReason: 'TENON_TEST_POSTGRES_URL is not set (no PostgreSQL server selected)' },
  MYSQL_URL
    ? { name: 'mysql', open: openMysql }
    : { name: 'mysql', skipReason: 'TENON_TEST_MYSQL_URL is not set (no MySQL/MariaDB server selected)' },
  // scripts/sqlite-suite.sh sets TENON_TEST_SQLITE=1: there a driver that does not load fails the suite.
  SQLITE_UNAVAILABLE === undefined || process.env.TENON_TEST_SQLITE === '1'
    ? {
        name: 'sqlite',
        open: (_file, options = {}) => Database.connect({ ...options, url: 'sqlite://:memory:' }),
      }
    : { name: 'sqlite', skipReason: SQLITE_UNAVAILABLE },
];

export function target(name: string): ContractTarget {
  return CONTRACT_TARGETS.find((t) => t.name === name)!;
}

/** Fails instead of hanging: single-connection deadlock cases must end in an error. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms (a hang)`)), ms);
    }),
  ]);
}
