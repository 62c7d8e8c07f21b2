import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// The bin as users run it: the compiled file in a real node process (PGlite starts in well under
// a second there, against several seconds inside jest's VM).
const BIN = path.resolve(__dirname, '../../dist/cli/tenon-data.js');
const DIST = path.resolve(__dirname, '../../dist/index.js');
const built = existsSync(BIN) && existsSync(DIST);

(built ? describe : describe.skip)(
  `tenon-data bin${built ? '' : ' (skipped: packages/data is not built; npm test builds it first)'}`,
  () => {
    it('generates a migration from the entities, migrates and reports status', () => {
      const cwd = mkdtempSync(path.join(tmpdir(), 'tenon-bin-'));
      // Entities written in plain JavaScript: decorators applied by hand, types explicit.
      writeFileSync(
        path.join(cwd, 'tenon-data.config.js'),
        `const { Entity, Id, Column } = require(${JSON.stringify(DIST)});
class Shelf {}
Entity('shelves')(Shelf);
Id({ generated: 'identity', type: 'integer' })(Shelf.prototype, 'id');
Column({ type: 'string', length: 40 })(Shelf.prototype, 'name');
module.exports = { url: 'pglite://./db', migrationsFolder: 'migrations', entities: [Shelf] };`,
      );
      const run = (...args: string[]) =>
        execFileSync('node', [BIN, ...args], { cwd, encoding: 'utf8' }).trim();
      // generate only diffs against the schema: an empty in-memory database starts fastest.
      const generated = run('generate', 'Create shelves', '--js', '--url', 'pglite://memory');
      const [file] = readdirSync(path.join(cwd, 'migrations'));
      expect(file).toMatch(/^\d{14}_create_shelves\.js$/);
      const name = file!.replace(/\.js$/, '');
      expect(generated).toBe(`wrote migrations/${file}\n  - table "shelves" (entity Shelf) does not exist`);
      const source = readFileSync(path.join(cwd, 'migrations', file!), 'utf8');
      expect(source).toContain("const { sql } = require('@tenon/data');");
      // The generated file requires @tenon/data; point it at this build for the test.
      writeFileSync(
        path.join(cwd, 'migrations', file!),
        source.replace("require('@tenon/data')", `require(${JSON.stringify(DIST)})`),
      );
      expect(run('migrate')).toBe(`applied ${name}`);
      expect(run('status')).toMatch(new RegExp(`^\\[x\\] ${name}  \\d{4}-\\d{2}-\\d{2}T`));
    }, 60_000);
  },
);
