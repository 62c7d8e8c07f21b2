/**
 * @internal The SQL texts the repositories compile once (`findById`, the insert and update of
 * `save()` per column set, the criteria statements per shape), and the name each is prepared
 * under on PostgreSQL connections: the server then parses and plans it once per connection
 * instead of on every run. Only these texts, so the set stays as small as the application's
 * repositories; ad-hoc queries go unnamed as before.
 */
const names = new Map<string, string>();
// Texts whose prepared form failed with "cached plan must not change result type": unnamed from
// then on, never under a new name (a connection may still hold the old one).
const refused = new Set<string>();
let next = 0;
const LIMIT = 1024;

export function markPreparable(sql: string): void {
  if (names.has(sql) || refused.has(sql) || names.size >= LIMIT) return;
  names.set(sql, `tenon_r${++next}`);
}

export function preparedName(sql: string): string | undefined {
  return names.get(sql);
}

export function refusePrepared(sql: string): void {
  names.delete(sql);
  refused.add(sql);
}
