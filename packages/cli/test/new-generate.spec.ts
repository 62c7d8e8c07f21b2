import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { run } from './run';
import { appPackageJson } from '../src/new/new-project';

const repoRoot = path.resolve(__dirname, '../../..');
const read = (...parts: string[]): string => readFileSync(path.join(...parts), 'utf8');

/** Type-checks a generated app against this repository's packages (its node_modules linked). */
function typecheck(app: string): string {
  if (!existsSync(path.join(app, 'node_modules')))
    symlinkSync(path.join(repoRoot, 'node_modules'), path.join(app, 'node_modules'));
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit'], {
    cwd: app,
    encoding: 'utf8',
  });
  return `${result.stdout}${result.stderr}`.trim();
}

describe('tenon new', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tenon-new-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a CommonJS app with a resource, tests, Dockerfile and config, depending on ^<cli version>', async () => {
    const result = await run(['new', 'my-app', '--skip-install'], dir);
    expect(result).toMatchObject({ code: 0, err: '' });
    const app = path.join(dir, 'my-app');
    for (const file of [
      '.env',
      '.gitignore',
      '.dockerignore',
      'Dockerfile',
      'README.md',
      'jest.config.js',
      'tsconfig.json',
      'tsconfig.build.json',
      'src/main.ts',
      'src/app.module.ts',
      'src/app.config.ts',
      'src/items/item.entity.ts',
      'src/items/item.repository.ts',
      'src/items/item.dto.ts',
      'src/items/item.service.ts',
      'src/items/item.controller.ts',
      'src/items/item.module.ts',
      'test/items/item.service.spec.ts',
      'test/items/item.e2e.spec.ts',
    ])
      expect({ file, exists: existsSync(path.join(app, file)) }).toEqual({ file, exists: true });
    const pkg = JSON.parse(read(app, 'package.json'));
    const { version } = JSON.parse(read(__dirname, '..', 'package.json'));
    expect(pkg.type).toBeUndefined();
    expect(pkg.dependencies['@tenon/core']).toBe(`^${version}`);
    expect(pkg.devDependencies['@tenon/testing']).toBe(`^${version}`);
    expect(pkg.overrides).toBeUndefined();
    // The jest preset is the whole set-up: no flag for jest's VM, no swc of the app's own.
    expect(pkg.scripts.test).toBe('jest');
    expect(pkg.engines.node).toBe('>=22.12');
    // npm 11 warns about (and will skip) install scripts not listed here.
    expect(pkg.allowScripts).toEqual({ '@parcel/watcher': true, '@swc/core': true });
    expect(pkg.devDependencies['@swc/jest']).toBeUndefined();
    expect(read(app, 'jest.config.js')).toContain("preset: '@tenon/testing'");
    expect(read(app, 'Dockerfile')).toContain('npm ci --omit=dev');
    expect(read(app, 'src/app.module.ts')).toContain("import { ItemModule } from './items/item.module';");
    expect(read(app, '.env')).toContain('DATABASE_URL=pglite://./.tenon/data');
    expect(typecheck(app)).toBe('');
  }, 60_000);

  it('writes an ES module app with --esm (nodenext, .js imports, jest.config.cjs) that type-checks', async () => {
    expect((await run(['new', 'esm-app', '--esm', '--db', 'postgres', '--skip-install'], dir)).code).toBe(0);
    const app = path.join(dir, 'esm-app');
    const pkg = JSON.parse(read(app, 'package.json'));
    expect(pkg.type).toBe('module');
    expect(pkg.dependencies.pg).toMatch(/^\^8/);
    expect(JSON.parse(read(app, 'tsconfig.json')).compilerOptions.module).toBe('nodenext');
    expect(read(app, 'jest.config.cjs')).toContain("preset: '@tenon/testing'");
    expect(read(app, 'src/main.ts')).toContain("from './app.module.js';");
    expect(read(app, '.env')).toContain('DATABASE_URL=postgres://postgres@127.0.0.1:5432/esm_app');
    // A generator in an ES module app writes .js imports too.
    expect((await run(['g', 'resource', 'cats'], app)).code).toBe(0);
    expect(read(app, 'src/app.module.ts')).toContain("import { CatModule } from './cats/cat.module.js';");
    expect(typecheck(app)).toBe('');
  }, 60_000);

  it('allows the SQLite driver to build its addon at install', () => {
    const sqlite = appPackageJson('lite', { esm: false, db: 'sqlite', packagesDir: undefined }) as {
      allowScripts: Record<string, boolean>;
      dependencies: Record<string, string>;
    };
    expect(sqlite.dependencies['better-sqlite3']).toMatch(/^\^12/);
    expect(sqlite.allowScripts).toEqual({
      '@parcel/watcher': true,
      '@swc/core': true,
      'better-sqlite3': true,
    });
    const mysql = appPackageJson('my', { esm: false, db: 'mysql', packagesDir: undefined }) as {
      allowScripts: Record<string, boolean>;
    };
    expect(Object.keys(mysql.allowScripts)).toEqual(['@parcel/watcher', '@swc/core']);
  });

  it('depends on local tarballs with TENON_PACKAGES_DIR, and names what is missing', async () => {
    const packages = path.join(dir, 'packages');
    mkdirSync(packages);
    for (const name of ['core', 'http', 'data', 'testing'])
      writeFileSync(path.join(packages, `tenon-${name}-0.1.0.tgz`), '');
    const env = { ...process.env, TENON_PACKAGES_DIR: packages };
    const missing = await run(['new', 'a', '--skip-install'], dir, env);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(
      `TENON_CLI_PACKAGES_DIR_INVALID: TENON_PACKAGES_DIR is ${packages}, which lacks tenon-cli-*.tgz. ` +
        `Run npm pack for each @tenon package into that folder (npm pack -w packages/core --pack-destination ${packages}), or unset TENON_PACKAGES_DIR to install from the registry.`,
    );
    expect(existsSync(path.join(dir, 'a'))).toBe(false);
    writeFileSync(path.join(packages, 'tenon-cli-0.1.0.tgz'), '');
    writeFileSync(path.join(packages, 'tenon-cli-0.2.0.tgz'), '');
    expect((await run(['new', 'a', '--skip-install'], dir, env)).code).toBe(0);
    const pkg = JSON.parse(read(dir, 'a', 'package.json'));
    expect(pkg.dependencies['@tenon/core']).toBe(`file:${path.join(packages, 'tenon-core-0.1.0.tgz')}`);
    expect(pkg.devDependencies['@tenon/cli']).toBe(`file:${path.join(packages, 'tenon-cli-0.2.0.tgz')}`);
    expect(pkg.overrides['@tenon/core']).toBe(pkg.dependencies['@tenon/core']);
  });

  it('refuses a bad name, an unknown database and a folder that is not empty', async () => {
    const badName = await run(['new', 'My App', '--skip-install'], dir);
    expect(badName.code).toBe(1);
    expect(badName.err).toMatch(/^TENON_CLI_INVALID_NAME: "My App" cannot name an npm package: /);
    const badDb = await run(['new', 'x', '--db', 'oracle'], dir);
    expect(badDb.code).toBe(2);
    expect(badDb.err).toContain(
      "error: option '--db <database>' argument 'oracle' is invalid. Allowed choices are pglite, postgres, mysql, sqlite.",
    );
    mkdirSync(path.join(dir, 'taken'));
    writeFileSync(path.join(dir, 'taken', 'x'), '');
    const taken = await run(['new', 'taken', '--skip-install'], dir);
    expect(taken).toMatchObject({
      code: 1,
      err: `TENON_CLI_DIRECTORY_NOT_EMPTY: ${path.join(dir, 'taken')} exists and is not empty; tenon new writes into a new or empty folder. Choose another name or remove the folder.`,
    });
  });

  it('--dry-run lists the files and writes nothing', async () => {
    const result = await run(['new', 'dry', '--dry-run'], dir);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`would write ${path.join('dry', 'src', 'main.ts')}`);
    expect(result.out).toContain('would run npm install in');
    expect(existsSync(path.join(dir, 'dry'))).toBe(false);
  });
});

describe('tenon generate', () => {
  let dir: string;
  let app: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tenon-g-'));
    await run(['new', 'app', '--skip-install'], dir);
    app = path.join(dir, 'app');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every kind with its test, registers each in its module, and the app still type-checks', async () => {
    expect((await run(['g', 'resource', 'cats'], app)).out).toContain(
      'updated src/app.module.ts (imports: CatModule)',
    );
    expect((await run(['g', 'controller', 'cats'], app)).code).toBe(1); // the resource has one
    const kinds: Array<[string, string, string]> = [
      ['module', 'billing', 'updated src/app.module.ts (imports: BillingModule)'],
      ['service', 'billing', 'updated src/billing/billing.module.ts (providers: BillingService)'],
      ['controller', 'billing', 'updated src/billing/billing.module.ts (controllers: BillingController)'],
      ['guard', 'billing', 'updated src/billing/billing.module.ts (providers: BillingGuard)'],
      ['interceptor', 'billing', 'updated src/billing/billing.module.ts (providers: BillingInterceptor)'],
      ['filter', 'billing', 'updated src/billing/billing.module.ts (providers: BillingFilter)'],
      ['pipe', 'billing', 'updated src/billing/billing.module.ts (providers: BillingPipe)'],
      ['repository', 'invoices', 'updated src/app.module.ts (imports: InvoiceRepository)'],
      ['entity', 'payments', 'created src/payments/payment.entity.ts'],
      ['service', 'mailer', 'updated src/app.module.ts (providers: MailerService)'],
    ];
    for (const [kind, name, line] of kinds) {
      const result = await run(['generate', kind, name], app);
      expect({ kind, code: result.code, err: result.err }).toEqual({ kind, code: 0, err: '' });
      expect(result.out).toContain(line);
    }
    expect(read(app, 'src/billing/billing.module.ts')).toContain(
      'controllers: [BillingController],\n  providers: [BillingService, BillingGuard, BillingInterceptor, BillingFilter, BillingPipe]',
    );
    expect(read(app, 'src/app.module.ts')).toContain('DataModule.forFeature([InvoiceRepository])');
    expect(existsSync(path.join(app, 'src/invoices/invoice.entity.ts'))).toBe(true);
    expect(existsSync(path.join(app, 'test/billing/billing.pipe.spec.ts'))).toBe(true);
    expect(typecheck(app)).toBe('');
  }, 60_000);

  it('refuses to overwrite (exit 1, nothing written), overwrites with --force, registers once', async () => {
    const before = read(app, 'src/app.module.ts');
    const again = await run(['g', 'service', 'mailer'], app);
    expect(again).toMatchObject({
      code: 1,
      err: 'TENON_CLI_FILE_EXISTS: src/mailer/mailer.service.ts, test/mailer/mailer.service.spec.ts exist already; nothing was written. Choose another name, delete them, or pass --force to overwrite.',
    });
    writeFileSync(path.join(app, 'src/mailer/mailer.service.ts'), '// edited\n');
    const forced = await run(['g', 'service', 'mailer', '--force'], app);
    expect(forced.out).toContain('overwrote src/mailer/mailer.service.ts');
    expect(forced.out).toContain('MailerService is registered in src/app.module.ts already');
    expect(read(app, 'src/mailer/mailer.service.ts')).toContain('export class MailerService');
    expect(read(app, 'src/app.module.ts')).toBe(before);
  });

  it('--dry-run lists what it would write and register, and writes nothing', async () => {
    const result = await run(['g', 'resource', 'dogs', '--dry-run'], app);
    expect(result.code).toBe(0);
    expect(result.out).toContain('would write src/dogs/dog.controller.ts');
    expect(result.out).toContain('would register DogModule in src/app.module.ts (imports)');
    expect(existsSync(path.join(app, 'src/dogs'))).toBe(false);
  });

  it('registers in the module given with --module, and says when it cannot', async () => {
    const result = await run(['g', 'service', 'audit', '--module', 'src/items/item.module.ts'], app);
    expect(result.out).toContain('updated src/items/item.module.ts (providers: AuditService)');
    expect(read(app, 'src/items/item.module.ts')).toContain(
      "import { AuditService } from '../audit/audit.service';",
    );
    const missing = await run(['g', 'service', 'other', '--module', 'src/nope.module.ts'], app);
    expect(missing).toMatchObject({
      code: 1,
      err: 'TENON_CLI_MODULE_NOT_EDITABLE: src/nope.module.ts does not exist, so OtherService could not be registered. Pass --module with the module file to register it in.',
    });
    expect(existsSync(path.join(app, 'src/other'))).toBe(false);
  });

  it('refuses an unknown kind (exit 2) and runs only inside an app', async () => {
    const kind = await run(['g', 'widget', 'x'], app);
    expect(kind.code).toBe(2);
    expect(kind.err).toContain("error: command-argument value 'widget' is invalid for argument 'kind'.");
    const outside = await run(['g', 'service', 'x'], dir);
    expect(outside).toMatchObject({
      code: 1,
      err: `TENON_CLI_NOT_A_PROJECT: tenon generate runs inside a Tenon app, and ${dir} is not in one (no package.json with a tsconfig.json beside it at or above it). Run it from the app's folder, or create an app first: tenon new my-app.`,
    });
  });
});
