import 'reflect-metadata';
import { join } from 'node:path';
import {
  Column,
  CrudRepository,
  Entity,
  Id,
  MIGRATION_TABLE,
  Repository,
  sql,
  type QueryLogEvent,
} from '@tenon/data';
import { TestDatabase } from '@tenon/testing';

@Entity('ledger')
class LedgerEntry {
  @Id({ generated: true }) id!: number;
  @Column({ unique: true }) memo!: string;
}

@Repository(LedgerEntry)
class LedgerRepository extends CrudRepository<LedgerEntry, number> {}

// The schema comes from the application's migrations instead of its entities.
const statements: QueryLogEvent[] = [];
const db = TestDatabase.setup({
  migrationsFolder: join(__dirname, '../fixtures/migrations'),
  log: (event) => statements.push(event),
});

describe('TestDatabase with migrations', () => {
  it.each([1, 2])('runs the migrations once and rolls each test back (%i)', async () => {
    const ledger = db.database.repository(LedgerRepository);
    expect(await ledger.count()).toBe(0);
    await ledger.save({ memo: 'opening balance' });
    expect(await ledger.count()).toBe(1);
    const applied = await sql<{ name: string }>`select name from ${sql.id(MIGRATION_TABLE)}`.execute(
      db.database.kysely,
    );
    expect(applied.rows.map((r) => r.name)).toEqual(['0001-create-ledger']);
  });

  it('reports the statements the application runs to options.log', async () => {
    statements.length = 0;
    await db.database.repository(LedgerRepository).count();
    expect(statements).toHaveLength(1);
    expect(statements[0]!.sql).toMatch(/^select count/i);
  });
});
