import 'reflect-metadata';
import { PGlite } from '@electric-sql/pglite';
import { Column, CrudRepository, Database, Entity, Id, Repository, sql } from '@tenon/data';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import { describeMachine } from '../harness/machine';
import { writeSection } from '../harness/report';
import { median } from '../harness/stats';
import { postgresUrl } from '../apps/shared/world';

/*
 * Issue 4's target: `findById` through a repository at least 0.9x the same query through Kysely
 * directly. One process per engine; the variants alternate A, B, C, A, B, C... in rounds of the
 * same number of lookups, so machine noise falls on all of them alike, and the ratio is taken per
 * round, then its median.
 *   node benchmarks/dist/data/find-by-id.js [--rounds 9] [--ops 4000] [--concurrency 8]
 *                                           [--only repository|kysely|tenon-kysely] [--no-write]
 * `--only` runs one variant (for `node --cpu-prof`); nothing is written then.
 */

const ROWS = 10_000;
const TABLE = 'bench_find_by_id';

@Entity(TABLE)
class Row {
  @Id() id!: number;
  @Column({ type: 'integer' }) randomNumber!: number;
}

@Repository(Row)
class RowRepository extends CrudRepository<Row, number> {}

interface Schema {
  [TABLE]: { id: number; random_number: number };
}

type Variant = 'repository' | 'kysely' | 'tenon-kysely';
const VARIANTS: readonly Variant[] = ['repository', 'kysely', 'tenon-kysely'];
const LABELS: Record<Variant, string> = {
  repository: '`repository.findById(id)`',
  kysely: "Kysely directly: `db.selectFrom(t).selectAll().where('id', '=', id).executeTakeFirst()`",
  'tenon-kysely': "the same through `database.kysely` (Tenon's guarded dialect, no repository)",
};

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const randomId = () => 1 + Math.floor(Math.random() * ROWS);

interface Engine {
  name: 'pglite' | 'postgres';
  database: Database;
  raw: Kysely<Schema>;
  close(): Promise<void>;
}

async function seed(database: Database): Promise<void> {
  await sql
    .raw(`CREATE TABLE IF NOT EXISTS ${TABLE} (id integer PRIMARY KEY, random_number integer NOT NULL)`)
    .execute(database.kysely);
  await sql
    .raw(
      `INSERT INTO ${TABLE} (id, random_number) SELECT i, 1 + floor(random() * ${ROWS})::int ` +
        `FROM generate_series(1, ${ROWS}) AS i ON CONFLICT (id) DO NOTHING`,
    )
    .execute(database.kysely);
}

/** Both sides on the same engine: one PGlite instance, or pools of the same size on one server. */
async function openEngine(name: Engine['name']): Promise<Engine> {
  if (name === 'pglite') {
    const pglite = await PGlite.create();
    const database = await Database.connect({ url: 'pglite://memory', pglite });
    const raw = new Kysely<Schema>({ dialect: new PGliteDialect({ pglite }) });
    await seed(database);
    return {
      name,
      database,
      raw,
      close: async () => {
        await database.close(); // borrowed: leaves the engine running
        await raw.destroy(); // Kysely's PGlite driver closes the engine
      },
    };
  }
  const url = postgresUrl()!;
  const database = await Database.connect({ url, pool: { max: 10 } });
  const raw = new Kysely<Schema>({
    dialect: new PostgresDialect({ pool: new Pool({ connectionString: url, max: 10 }) }),
  });
  await seed(database);
  return { name, database, raw, close: async () => (await raw.destroy(), await database.close()) };
}

function lookup(engine: Engine, variant: Variant): (id: number) => Promise<unknown> {
  const repository = engine.database.repository(RowRepository);
  const tenon = engine.database.kysely as unknown as Kysely<Schema>;
  switch (variant) {
    case 'repository':
      return (id) => repository.findById(id);
    case 'kysely':
      return (id) => engine.raw.selectFrom(TABLE).selectAll().where('id', '=', id).executeTakeFirst();
    case 'tenon-kysely':
      return (id) => tenon.selectFrom(TABLE).selectAll().where('id', '=', id).executeTakeFirst();
  }
}

/** `ops` lookups, `concurrency` in flight at a time (as requests of a server would be). */
async function round(
  find: (id: number) => Promise<unknown>,
  ops: number,
  concurrency: number,
): Promise<{ perSecond: number; perCpuSecond: number }> {
  let next = 0;
  const worker = async () => {
    while (next < ops) {
      next++;
      if ((await find(randomId())) === undefined) throw new Error('a seeded row was not found');
    }
  };
  const start = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const used = process.cpuUsage(cpu);
  return {
    perSecond: ops / ((performance.now() - start) / 1000),
    // This process's own CPU time (PGlite runs in it; a PostgreSQL server does not): other work
    // on the machine disturbs it less than the wall clock.
    perCpuSecond: ops / ((used.user + used.system) / 1e6),
  };
}

interface EngineResult {
  engine: Engine['name'];
  opsPerSecond: Record<Variant, number[]>;
  ratios: number[];
  cpuRatios: number[];
  guardRatios: number[];
}

async function measure(
  name: Engine['name'],
  rounds: number,
  ops: number,
  concurrency: number,
): Promise<EngineResult> {
  const engine = await openEngine(name);
  try {
    const finds = Object.fromEntries(VARIANTS.map((v) => [v, lookup(engine, v)])) as Record<
      Variant,
      (id: number) => Promise<unknown>
    >;
    // Warm-up: every variant until the JIT has settled.
    for (let i = 0; i < 2; i++) for (const v of VARIANTS) await round(finds[v], ops, concurrency);
    const result: EngineResult = {
      engine: name,
      opsPerSecond: { repository: [], kysely: [], 'tenon-kysely': [] },
      ratios: [],
      cpuRatios: [],
      guardRatios: [],
    };
    for (let r = 0; r < rounds; r++) {
      // Rotate the order so no variant always runs right after the same other one.
      const order = VARIANTS.map((_, i) => VARIANTS[(i + r) % VARIANTS.length]!);
      const got = {} as Record<Variant, { perSecond: number; perCpuSecond: number }>;
      for (const v of order) got[v] = await round(finds[v], ops, concurrency);
      for (const v of VARIANTS) result.opsPerSecond[v].push(got[v].perSecond);
      result.ratios.push(got.repository.perSecond / got.kysely.perSecond);
      result.cpuRatios.push(got.repository.perCpuSecond / got.kysely.perCpuSecond);
      result.guardRatios.push(got['tenon-kysely'].perSecond / got.kysely.perSecond);
      console.log(
        `${name} round ${r + 1}/${rounds}: ` +
          VARIANTS.map((v) => `${v} ${Math.round(got[v].perSecond)}/s`).join(', ') +
          ` → repository/kysely ${(got.repository.perSecond / got.kysely.perSecond).toFixed(3)}`,
      );
    }
    return result;
  } finally {
    await engine.close();
  }
}

async function only(variant: Variant, ops: number, concurrency: number): Promise<void> {
  const engine = await openEngine(
    postgresUrl() !== undefined && option('engine') === 'postgres' ? 'postgres' : 'pglite',
  );
  try {
    const find = lookup(engine, variant);
    for (let i = 0; i < 10; i++)
      console.log(`${variant}: ${Math.round((await round(find, ops, concurrency)).perSecond)}/s`);
  } finally {
    await engine.close();
  }
}

function render(
  results: EngineResult[],
  rounds: number,
  ops: number,
  concurrency: number,
  skipped: string[],
): string {
  const lines = [
    '## Data: `findById` through a repository vs Kysely directly (`npm run bench:data`)',
    '',
    `Issue 4's target: the repository at least 0.9x Kysely. One process, the variants alternating in ${rounds} ` +
      `rounds of ${ops} lookups of a random id in a ${ROWS.toLocaleString('en-US')}-row table, ${concurrency} in flight, ` +
      `after two warm-up rounds each. "Kysely directly" is a plain \`Kysely\` on the same engine (the same ` +
      `PGlite instance; a pg pool of the same size on the same server).`,
    '',
    `Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    ...describeMachine().map((l) => l),
    '',
    '| engine | variant | lookups/s (median) |',
    '|---|---|---|',
  ];
  for (const r of results) {
    for (const v of VARIANTS)
      lines.push(
        `| ${r.engine} | ${LABELS[v]} | ${Math.round(median(r.opsPerSecond[v])).toLocaleString('en-US')} |`,
      );
  }
  lines.push(
    '',
    '| engine | repository / Kysely per round | median | target | per CPU-second of this process, median |',
    '|---|---|---|---|---|',
  );
  for (const r of results) {
    const m = median(r.ratios);
    lines.push(
      `| ${r.engine} | ${r.ratios.map((x) => x.toFixed(3)).join(', ')} | ${m.toFixed(3)} | ${m >= 0.9 ? '✓' : '✗'} (≥ 0.9) | ${median(r.cpuRatios).toFixed(3)} |`,
    );
  }
  lines.push('');
  for (const r of results)
    lines.push(
      `${r.engine}: \`database.kysely\` / Kysely ${median(r.guardRatios).toFixed(3)} (the cost of Tenon's guarded dialect alone).  `,
    );
  for (const s of skipped) lines.push(`${s}  `);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const rounds = arg('rounds', 9);
  const concurrency = arg('concurrency', 8);
  const variant = option('only') as Variant | undefined;
  if (variant !== undefined) {
    if (!VARIANTS.includes(variant)) throw new Error(`--only takes one of ${VARIANTS.join(', ')}`);
    return only(variant, arg('ops', 4000), concurrency);
  }
  const results: EngineResult[] = [];
  const skipped: string[] = [];
  results.push(await measure('pglite', rounds, arg('ops', 4000), concurrency));
  if (postgresUrl() !== undefined)
    results.push(await measure('postgres', rounds, arg('ops', 4000), concurrency));
  else skipped.push('PostgreSQL: skipped, TENON_TEST_POSTGRES_URL is not set.');
  const markdown = render(results, rounds, arg('ops', 4000), concurrency, skipped);
  console.log(`\n${markdown}`);
  if (!process.argv.includes('--no-write')) writeSection('bench:data', markdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
