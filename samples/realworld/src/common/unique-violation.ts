/**
 * Whether a database error is a unique-constraint violation (SQLSTATE 23505 on PostgreSQL and
 * PGlite). The data package passes constraint errors through with their SQLSTATE.
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
