import 'reflect-metadata';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  applySchemaMode,
  Column,
  createSchema,
  Database,
  DatabaseHealthIndicator,
  diffSchema,
  describeDiff,
  Entity,
  Id,
  ManyToOne,
  migrationSource,
  Migrations,
  Propagation,
  TransactionManager,
  capabilitiesOf,
} from '@tenon/data';
import { sql } from 'kysely';
import { runCli, type CliIo } from '../../src/cli/run-cli';

@Entity('shelves')
class Shelf {
  @Id({ generated: 'identity' }) id!: number;
  @Column({ length: 40 }) name!: string;
}

@Entity('items')
class Item {
  @Id({ generated: 'uuid' }) id!: string;
  @Column() label!: string;
  @Column({ default: 0 }) quantity!: number;
  @Column() shelfId!: number;
  @ManyToOne(() => Shelf, 'shelfId') shelf?: Shelf;
}

const js = (up: string, down = '') =>
  `exports.up = async (db) => { ${up} };\nexports.down = async (db) => { ${down} };\n`;

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tenon-migrations-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
  return dir;
}

describe('schema', () => {
  let database: Database;

  beforeAll(async () => {
    database = await Database.connect({ url: 'pglite://memory' });
  }, 30_000);
  afterAll(() => database.close());
  beforeEach(async () => {
    await sql`drop schema public cascade`.execute(database.kysely);
    await sql`create schema public`.execute(database.kysely);
  });

  const tables = async () => (await database.kysely.introspection.getTables()).map((t) => t.name).sort();

  it('runs migrations up and down with status, in file-name order, once', async () => {
    const folder = folderWith({
      '001_users.js': js(
        `await db.schema.createTable('users').addColumn('id', 'integer', (c) => c.primaryKey()).execute();`,
        `await db.schema.dropTable('users').execute();`,
      ),
      '002_posts.js': js(
        `await db.schema.createTable('posts').addColumn('id', 'integer').execute();`,
        `await db.schema.dropTable('posts').execute();`,
      ),
      'notes.txt': 'ignored',
    });
    const migrations = new Migrations(database, folder);
    expect((await migrations.status()).map((m) => [m.name, m.executedAt])).toEqual([
      ['001_users', undefined],
      ['002_posts', undefined],
    ]);
    expect(await migrations.up()).toEqual(['001_users', '002_posts']);
    expect(await migrations.up()).toEqual([]);
    expect((await migrations.status()).every((m) => m.executedAt instanceof Date)).toBe(true);
    expect(await tables()).toEqual(['posts', 'tenon_migration', 'tenon_migration_lock', 'users']);
    expect(await migrations.down()).toEqual(['002_posts']);
    expect(await tables()).toEqual(['tenon_migration', 'tenon_migration_lock', 'users']);
  });

  it('runs TypeScript migrations (under jest) from a folder', async () => {
    const migrations = new Migrations(database, path.join(__dirname, '../fixtures/ts-migrations'));
    expect(await migrations.up()).toEqual(['20240101000000_create_notes']);
    expect(await tables()).toContain('notes');
  });

  it('a failing migration is a coded error naming it; it is rolled back, earlier ones stay', async () => {
    const folder = folderWith({
      '001_ok.js': js(`await db.schema.createTable('ok').addColumn('id', 'integer').execute();`),
      '002_bad.js': js(
        `await db.schema.createTable('half').addColumn('id', 'integer').execute(); throw new Error('typo in migration');`,
      ),
    });
    const error = await new Migrations(database, folder).up().catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'TENON_DATA_MIGRATION_FAILED',
      message:
        'Migration "002_bad" failed while migrating up: typo in migration. On engines with transactional DDL (PostgreSQL, PGlite, SQLite) the whole run is rolled back; on MySQL/MariaDB the migrations before it stay applied. Fix the migration or the data and run again.',
    });
    // PGlite has transactional DDL: Kysely ran the whole batch in one transaction.
    expect(await tables()).toEqual(['tenon_migration', 'tenon_migration_lock']);
    await expect(new Migrations(database, '/nonexistent/migrations').up()).rejects.toMatchObject({
      code: 'TENON_DATA_MIGRATIONS_FOLDER_MISSING',
      message:
        'The migrations folder "/nonexistent/migrations" does not exist. Create it (tenon-data generate <name> writes the first migration there), or point migrationsFolder at the folder holding the compiled migrations.',
    });
  });

  it('a migration that creates a table made another way names the fix (TestDatabase with entities under schema: migrate)', async () => {
    await sql`create table notes (id integer primary key)`.execute(database.kysely);
    const folder = folderWith({
      '001_notes.js': js(`await db.schema.createTable('notes').addColumn('id', 'integer').execute();`),
    });
    const error = await new Migrations(database, folder).up().catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'TENON_DATA_MIGRATION_OBJECT_EXISTS',
      message:
        "Migration \"001_notes\" failed while migrating up: relation \"notes\" already exists. The database already has what this migration creates, but its migration table does not record the migration: the tables were made another way (schema: 'create', TestDatabase.setup({ entities }), or by hand). In tests, give TestDatabase the app's migrations instead of its entities (TestDatabase.setup({ migrationsFolder }) with DataModule's migrationsFolder), or use schema: 'create' in the app's test configuration; on a real database, drop those tables or start from an empty database.",
    });
  });

  it('create builds tables with foreign keys; validate reports drift, then passes after a generated migration', async () => {
    await sql`create table shelves (id integer primary key, name integer not null)`.execute(database.kysely);
    const drift = await applySchemaMode(database, 'validate', { entities: [Shelf, Item] }).catch(
      (e: unknown) => e,
    );
    expect(drift).toMatchObject({
      code: 'TENON_DATA_SCHEMA_DRIFT',
      message:
        "The database schema does not match the entities (schema: 'validate'):\n" +
        '  - table "items" (entity Item) does not exist\n' +
        '  - column "shelves.name" (Shelf.name) is int4 in the database, but the entity declares string\n' +
        "Write a migration for these changes (tenon-data generate <name> drafts one) and run it, or use schema: 'create' for a throwaway database.",
    });
    await sql`drop table shelves`.execute(database.kysely);
    await sql`create table shelves (id integer primary key)`.execute(database.kysely);
    const diff = await diffSchema(database, [Shelf, Item]);
    expect(describeDiff(diff)).toEqual([
      'table "items" (entity Item) does not exist',
      'column "shelves.name" (Shelf.name) does not exist',
    ]);
    const source = migrationSource(diff, 'pglite', 'js');
    expect(source).toContain(`.createTable('items')`);
    expect(source).toContain(
      `.addForeignKeyConstraint('items_shelf_id_fkey', ['shelf_id'], 'shelves', ['id'])`,
    );
    expect(source).toContain(
      `// TODO: shelves.name is NOT NULL in Shelf: fill existing rows, then set NOT NULL.`,
    );
    const folder = folderWith({ '001_generated.js': source });
    await new Migrations(database, folder).up();
    await expect(applySchemaMode(database, 'validate', { entities: [Shelf, Item] })).resolves.toBeUndefined();
    await new Migrations(database, folder).down();
    expect(await tables()).toEqual(['shelves', 'tenon_migration', 'tenon_migration_lock']);

    await sql`drop table shelves`.execute(database.kysely);
    await createSchema(database.kysely, [Item, Shelf], 'pglite');
    await createSchema(database.kysely, [Item, Shelf], 'pglite');
    expect(describeDiff(await diffSchema(database, [Shelf, Item]))).toEqual([]);
    await expect(
      sql`insert into items (id, label, shelf_id) values ('0b7a3f8e-3b1c-4a8e-9a53-2c7d2f1c0a11', 'x', 999)`.execute(
        database.kysely,
      ),
    ).rejects.toThrow(/foreign key/);
    await expect(applySchemaMode(database, 'migrate', { entities: [] })).rejects.toMatchObject({
      code: 'TENON_DATA_INVALID_MODULE_OPTIONS',
      message:
        "Invalid DataModule options: schema 'migrate' needs migrationsFolder (the folder of compiled migrations).",
    });
  });

  it('the tenon-data command reports usage and input errors before connecting', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'tenon-cli-'));
    const lines: string[] = [];
    const io: CliIo = { cwd, env: {}, out: (l) => lines.push(l), err: (l) => lines.push(`ERR ${l}`) };
    writeFileSync(
      path.join(cwd, 'tenon-data.config.js'),
      `module.exports = { url: 'pglite://memory', migrationsFolder: 'migrations', entities: [] };`,
    );
    expect(await runCli(['status'], io)).toBe(1);
    expect(lines.pop()).toMatch(
      /^ERR TENON_DATA_MIGRATIONS_FOLDER_MISSING: The migrations folder ".*migrations" does not exist\./,
    );
    expect(await runCli(['generate', 'first'], io)).toBe(2);
    expect(lines.pop()).toBe(
      'ERR generate needs the entity classes: export them as `entities` from tenon-data.config.js',
    );
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(lines.pop()).toMatch(/^ERR Unknown command "frobnicate"\./);
    expect(await runCli(['status', '--url', 'oracle://x'], io)).toBe(1);
    expect(lines.pop()).toMatch(/^ERR TENON_DATA_UNSUPPORTED_DIALECT: /);
    expect(await runCli([], io)).toBe(2);
    expect(lines.pop()).toMatch(/^Usage: tenon-data <command> \[options\]/);
  });

  it('NESTED without savepoint support is a coded error', async () => {
    const tm = new TransactionManager(database.kysely, { ...capabilitiesOf('pglite'), savepoints: false });
    const error = await tm
      .run(() => tm.run(() => 1, { propagation: Propagation.NESTED }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'TENON_DATA_SAVEPOINTS_UNSUPPORTED',
      message:
        'Propagation.NESTED needs savepoints, which the pglite dialect does not support. Use Propagation.REQUIRED or REQUIRES_NEW.',
    });
  });

  // Last: it closes the file's shared database.
  it('the health indicator reports up, then down once the database is closed', async () => {
    const health = new DatabaseHealthIndicator(database);
    const up = await health.check();
    expect(up).toEqual({
      status: 'up',
      details: { dialect: 'pglite', database: 'pglite (memory)', latencyMs: expect.any(Number) },
    });
    await database.close();
    expect(await health.check()).toEqual({
      status: 'down',
      details: {
        dialect: 'pglite',
        database: 'pglite (memory)',
        error:
          'The database pglite (memory) was closed: a query ran after Database.close() (or after the application shut down). Finish queries before closing, or open a new Database.',
      },
    });
    await expect(database.ping()).rejects.toMatchObject({ code: 'TENON_DATA_DATABASE_CLOSED', status: 503 });
  });
});
