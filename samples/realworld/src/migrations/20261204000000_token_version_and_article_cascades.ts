import type { Kysely } from 'kysely';

// Two changes of the security work:
// - users.token_version: tokens carry it, and a password change increments it, so tokens issued
//   before the change are refused.
// - the tags, favorites and comments of an article go with it (ON DELETE CASCADE): deleting an
//   article is one statement that locks the article row first, the order every other write
//   takes (a comment's foreign key check, an update's row lock). Deleting the children first
//   took the locks in the opposite order of a concurrent update and deadlocked on PostgreSQL.

const CHILDREN = ['article_tags', 'favorites', 'comments'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any past schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('token_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  for (const table of CHILDREN) await relink(db, table, 'cascade');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of CHILDREN) await relink(db, table, 'no action');
  await db.schema.alterTable('users').dropColumn('token_version').execute();
}

// The constraint keeps PostgreSQL's default name (`<table>_article_id_fkey`, as the first
// migration created it) so that later migrations can find it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function relink(db: Kysely<any>, table: string, onDelete: 'cascade' | 'no action'): Promise<void> {
  const name = `${table}_article_id_fkey`;
  await db.schema.alterTable(table).dropConstraint(name).execute();
  await db.schema
    .alterTable(table)
    .addForeignKeyConstraint(name, ['article_id'], 'articles', ['id'], (c) => c.onDelete(onDelete))
    .execute();
}
