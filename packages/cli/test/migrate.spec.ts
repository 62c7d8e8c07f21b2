import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { run } from './run';

const repoRoot = path.resolve(__dirname, '../../..');

// A generated app whose node_modules is this repository's: `tenon migrate` loads the app's
// @tenon/data (the built workspace package) and runs against an embedded database in a folder.
describe('tenon migrate (PGlite in a folder)', () => {
  let dir: string;
  let app: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tenon-migrate-'));
    await run(['new', 'app', '--skip-install'], dir);
    app = path.join(dir, 'app');
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(app, 'node_modules'));
    env = { ...process.env, DATABASE_URL: 'pglite://./.tenon/migrate-test' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const migrations = (): string[] =>
    readdirSync(path.join(app, 'src/migrations')).filter((f) => f.endsWith('.ts'));

  it('generates, applies, lists, writes nothing when nothing changed, and reverts', async () => {
    expect((await run(['migrate', 'status'], app, env)).out).toBe(
      'No migrations in src/migrations: nothing to list. Write one with: tenon migrate generate init',
    );
    const generated = await run(['migrate', 'generate', 'init'], app, env);
    expect(generated.err).toBe('');
    expect(generated.out).toMatch(
      /^wrote src\/migrations\/\d{14}_init\.ts \(compiled in \d+ ms\)\n {2}- table "items" \(entity Item\) does not exist$/,
    );
    const [file] = migrations();
    const name = file!.replace(/\.ts$/, '');
    const pending = await run(['migrate', 'generate', 'again'], app, env);
    expect(pending).toMatchObject({
      code: 1,
      err: `TENON_CLI_MIGRATIONS_PENDING: 1 migration is not applied (${name}), so the database does not show the schema they make and the new migration would repeat them. Run tenon migrate up first.`,
    });
    expect((await run(['migrate', 'up'], app, env)).out).toBe(`applied ${name}`);
    expect((await run(['migrate', 'status'], app, env)).out).toMatch(new RegExp(`^\\[x\\] ${name}  \\d{4}-`));
    expect(await run(['migrate', 'generate', 'again'], app, env)).toEqual({
      code: 0,
      out: 'No changes: the database matches the 1 entity; no migration written.',
      err: '',
    });
    expect(migrations()).toEqual([file]);
    expect((await run(['migrate', 'down'], app, env)).out).toBe(`reverted ${name}`);
    expect((await run(['migrate', 'status'], app, env)).out).toBe(`[ ] ${name}  pending`);
  }, 120_000);

  it('names the file of a migration that does not compile, fails to load or fails to run', async () => {
    const bad = path.join(app, 'src/migrations/29991231000000_bad.ts');
    writeFileSync(bad, 'export const x = ;\n');
    const syntax = await run(['migrate', 'up'], app, env);
    expect(syntax.code).toBe(1);
    expect(syntax.err).toContain(`TENON_CLI_COMPILE_FAILED: ${bad} does not compile:`);
    expect(syntax.err).toContain('Expression expected');
    writeFileSync(bad, 'export const down = 1;\n');
    expect((await run(['migrate', 'up'], app, env)).err).toBe(
      'TENON_CLI_MIGRATION_FAILED: src/migrations/29991231000000_bad.ts exports no up(db) function: a migration exports async function up(db) and optionally down(db).',
    );
    writeFileSync(bad, "export async function up(): Promise<void> { throw new Error('boom'); }\n");
    const failed = await run(['migrate', 'up'], app, env);
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(
      /^TENON_CLI_MIGRATION_FAILED: src\/migrations\/29991231000000_bad\.ts: Migration "29991231000000_bad" failed while migrating up: boom\./,
    );
    rmSync(bad);
    expect(existsSync(bad)).toBe(false);
  }, 120_000);

  it('has --help (exit 0) on each subcommand, and --dry-run connects to nothing', async () => {
    for (const sub of ['generate', 'up', 'down', 'status'])
      expect((await run(['migrate', sub, '--help'], app)).code).toBe(0);
    expect((await run(['migrate', '--help'], app)).code).toBe(0);
    const dry = await run(['migrate', 'up', '--dry-run', '--url', 'postgres://u:secret@db/x'], app);
    expect(dry).toEqual({
      code: 0,
      out: 'would compile src/ into .tenon/cli-build and migrate up postgres://***@db/x',
      err: '',
    });
  });
});
