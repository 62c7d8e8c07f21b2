import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  Column,
  CrudRepository,
  describeDiff,
  diffSchema,
  Entity,
  Id,
  Migrations,
  migrationFileName,
  migrationSource,
  Repository,
  UniqueViolationError,
  type Database,
} from '@tenon/data';
import { sql } from 'kysely';
import { ENTITIES } from '../support/fixtures';
import type { ContractContext } from './repository.contract';

@Entity('badges', {
  uniques: [{ columns: ['ownerId', 'label'], name: 'one_label_per_owner' }],
  indexes: [['awardedOn', 'ownerId']],
})
class Badge {
  @Id() code!: string;
  @Column() ownerId!: number;
  @Column({ length: 40 }) label!: string;
  @Column({ length: 40, unique: true }) slug!: string;
  @Column({ type: 'date', nullable: true }) awardedOn!: string | null;
}

@Repository(Badge)
class BadgeRepository extends CrudRepository<Badge, string> {}

const MISSING = [
  'unique constraint "badges_slug_key" on "badges" (slug) of Badge does not exist',
  'unique constraint "one_label_per_owner" on "badges" (owner_id, label) of Badge does not exist',
  'index "badges_awarded_on_owner_id_idx" on "badges" (awarded_on, owner_id) of Badge does not exist',
];

/**
 * Schema tools against each live engine: what `create` builds, `validate` reads back (columns,
 * unique constraints, indexes), and what a generated migration adds and removes.
 */
export function schemaContract(ctx: ContractContext): void {
  describe('schema', () => {
    let database: Database;
    let folder: string;

    beforeAll(() => {
      database = ctx.database;
      folder = mkdtempSync(path.join(tmpdir(), `tenon-${ctx.capabilities.dialect}-migrations-`));
    });

    afterAll(async () => {
      rmSync(folder, { recursive: true, force: true });
      await database.kysely.schema.dropTable('badges').ifExists().execute();
    });

    it('validate finds every table, column, unique constraint and index that create built', async () => {
      expect(describeDiff(await diffSchema(database, ENTITIES))).toEqual([]);
    });

    it('validate reports missing unique constraints and indexes; a generated migration adds them, and its down removes them', async () => {
      await database.kysely.schema
        .createTable('badges')
        .addColumn('code', sql`varchar(255)`, (c) => c.primaryKey())
        .addColumn('owner_id', 'integer', (c) => c.notNull())
        .addColumn('label', sql`varchar(40)`, (c) => c.notNull())
        .addColumn('slug', sql`varchar(40)`, (c) => c.notNull())
        .addColumn('awarded_on', 'date')
        .execute();
      const diff = await diffSchema(database, [Badge]);
      expect(describeDiff(diff)).toEqual(MISSING);

      const source = migrationSource(diff, ctx.capabilities.dialect, 'js');
      expect(source).toContain(
        `await db.schema.createIndex('one_label_per_owner').on('badges').columns(['owner_id', 'label']).unique().execute();`,
      );
      expect(source).toContain(
        `await db.schema.createIndex('badges_awarded_on_owner_id_idx').on('badges').columns(['awarded_on', 'owner_id']).execute();`,
      );
      writeFileSync(path.join(folder, migrationFileName('badge_indexes', 'js')), source);
      const migrations = new Migrations(database, folder);
      expect(await migrations.up()).toHaveLength(1);
      expect(describeDiff(await diffSchema(database, [Badge]))).toEqual([]);

      const badges = database.repository(BadgeRepository);
      await badges.save({ code: 'a', ownerId: 1, label: 'gold', slug: 'a' });
      await expect(badges.save({ code: 'b', ownerId: 1, label: 'gold', slug: 'b' })).rejects.toMatchObject({
        constraint: 'one_label_per_owner',
        properties: ['ownerId', 'label'],
      });
      await expect(badges.save({ code: 'c', ownerId: 2, label: 'gold', slug: 'a' })).rejects.toBeInstanceOf(
        UniqueViolationError,
      );
      await badges.deleteAll();

      expect(await migrations.down()).toHaveLength(1);
      expect(describeDiff(await diffSchema(database, [Badge]))).toEqual(MISSING);
    });
  });
}
