import { invalidUrl, unsupportedDialect } from '../errors/connection.errors';

/** The dialects `@tenon/data` connects to. */
export type DialectName = 'pglite' | 'postgres' | 'mysql' | 'sqlite';

/** A database URL taken apart. */
export interface ParsedDatabaseUrl {
  dialect: DialectName;
  /** The URL as given (with its password); only the drivers see it. */
  url: string;
  host?: string;
  port?: number;
  /** For pglite and sqlite: `memory` / `:memory:` or a path. */
  location?: string;
}

/** The URL used when none is given: the embedded database in memory. */
export const DEFAULT_DATABASE_URL = 'pglite://memory';

const DEFAULT_PORTS: Record<'postgres' | 'mysql', number> = { postgres: 5432, mysql: 3306 };

/**
 * Reads a database URL: `pglite://memory`, `pglite://./.tenon/data`, `postgres://u:p@host:5432/db`,
 * `mysql://u:p@host:3306/db` (MySQL and MariaDB), `sqlite://./app.db`, `sqlite://:memory:`.
 *
 * @example
 * parseDatabaseUrl('postgres://app@db:5432/shop'); // { dialect: 'postgres', host: 'db', port: 5432, ... }
 */
export function parseDatabaseUrl(url: string | undefined): ParsedDatabaseUrl {
  const text = url === undefined || url.trim() === '' ? DEFAULT_DATABASE_URL : url.trim();
  const match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(text);
  if (!match) throw invalidUrl(text, 'it does not start with a scheme such as "postgres://"');
  const scheme = match[1]!.toLowerCase();
  const rest = match[2]!;
  switch (scheme) {
    case 'pglite':
      return { dialect: 'pglite', url: text, location: rest === '' || rest === 'memory' ? 'memory' : rest };
    case 'sqlite':
      if (rest === '')
        throw invalidUrl(text, 'it names no file (use sqlite://./app.db or sqlite://:memory:)');
      return { dialect: 'sqlite', url: text, location: rest };
    case 'postgres':
    case 'postgresql':
      return networkUrl(text, 'postgres');
    case 'mysql':
    case 'mariadb':
      return networkUrl(text, 'mysql');
    default:
      throw unsupportedDialect(text, scheme);
  }
}

function networkUrl(text: string, dialect: 'postgres' | 'mysql'): ParsedDatabaseUrl {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw invalidUrl(text, 'it is not a valid URL');
  }
  if (parsed.hostname === '') throw invalidUrl(text, 'it names no host');
  const port = parsed.port === '' ? DEFAULT_PORTS[dialect] : Number(parsed.port);
  // The WHATWG parser keeps IPv6 brackets; drivers and messages want the bare address.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return { dialect, url: text, host, port };
}
