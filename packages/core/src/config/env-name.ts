/**
 * The environment variable name of a property or prefix: `databaseUrl` → `DATABASE_URL`,
 * `maxHTTPConnections` → `MAX_HTTP_CONNECTIONS`, `db.pool` → `DB_POOL`.
 */
export function toEnvName(name: string): string {
  return name
    .split('.')
    .map((part) =>
      part
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        // An acronym followed by a word: `HTTPServer` → `HTTP_Server`.
        .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
        .replace(/[^A-Za-z0-9_]/g, '_')
        .toUpperCase(),
    )
    .filter((part) => part !== '')
    .join('_');
}

/** Joins an environment prefix and a name: `('DB', 'HOST')` → `DB_HOST`, `('', 'PORT')` → `PORT`. */
export function joinEnvName(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}_${name}`;
}
