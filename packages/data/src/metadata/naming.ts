import { createHash } from 'node:crypto';

/** `createdAt` → `created_at`, `HTTPStatus` → `http_status`: the default column and table names. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

// PostgreSQL cuts identifiers at 63 bytes and MySQL refuses more than 64.
const MAX_IDENTIFIER = 63;

/**
 * The default name of a constraint or index: `<table>_<columns>_<suffix>`, PostgreSQL's own
 * convention (`users_email_key`, `posts_author_id_fkey`). Too long for every engine, it keeps its
 * start and ends with a hash of the full name, so it stays unique and stable.
 */
export function constraintName(table: string, columns: readonly string[], suffix: string): string {
  const full = `${table}_${columns.join('_')}_${suffix}`;
  if (full.length <= MAX_IDENTIFIER) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, MAX_IDENTIFIER - suffix.length - 10)}_${hash}_${suffix}`;
}
