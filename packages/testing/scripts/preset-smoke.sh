#!/usr/bin/env bash
# The jest preset as a user gets it: packs @tenon/core, http, data and testing (`npm pack`, from
# the built dist), installs them in an empty folder outside the repository with jest and
# TypeScript from the registry, writes a small app (DataModule on pglite://memory, an entity and
# its repository, a controller) with a unit test and an e2e test on TestDatabase, and runs
# `npx jest` with NODE_OPTIONS unset: `preset: '@tenon/testing'` must be all the set-up needed.
#
#   npm run build && packages/testing/scripts/preset-smoke.sh   # KEEP=1 keeps the folder
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
app="$(mktemp -d "${TMPDIR:-/tmp}/tenon-preset-smoke-XXXXXX")"
trap '[ -n "${KEEP:-}" ] && echo "kept $app" || rm -rf "$app"' EXIT
mkdir -p "$app/tarballs" "$app/src" "$app/test"

for pkg in core http data testing; do
  (cd "$root/packages/$pkg" && npm pack --silent --pack-destination "$app/tarballs" >/dev/null)
done

cd "$app"
cat > package.json <<'JSON'
{ "name": "preset-smoke", "version": "1.0.0", "private": true, "scripts": { "test": "jest" } }
JSON
cat > tsconfig.json <<'JSON'
{
  "compilerOptions": {
    "target": "ES2022", "module": "node16", "moduleResolution": "node16", "strict": true,
    "experimentalDecorators": true, "emitDecoratorMetadata": true, "useDefineForClassFields": false,
    "skipLibCheck": true, "types": ["node", "jest"], "outDir": "dist"
  },
  "include": ["src", "test"]
}
JSON
cat > jest.config.js <<'JS'
module.exports = { preset: '@tenon/testing' };
JS
cat > src/note.entity.ts <<'TS'
import { Column, Entity, Id } from '@tenon/data';

@Entity('notes')
export class Note {
  @Id({ generated: true }) id!: number;
  @Column() text!: string;
}
TS
cat > src/note.repository.ts <<'TS'
import { CrudRepository, Repository } from '@tenon/data';
import { Note } from './note.entity';

@Repository(Note)
export class NoteRepository extends CrudRepository<Note, number> {}
TS
cat > src/note.controller.ts <<'TS'
import { Body, Controller, Get, HttpCode, Post } from '@tenon/http';
import { NoteRepository } from './note.repository';

@Controller('notes')
export class NoteController {
  constructor(private readonly notes: NoteRepository) {}

  @Get()
  list() {
    return this.notes.findAll();
  }

  @Post()
  @HttpCode(201)
  create(@Body() body: { text: string }) {
    return this.notes.save({ text: body.text });
  }
}
TS
cat > src/app.module.ts <<'TS'
import { Module } from '@tenon/core';
import { DataModule } from '@tenon/data';
import { NoteController } from './note.controller';
import { NoteRepository } from './note.repository';

@Module({
  imports: [DataModule.forRoot({ url: 'pglite://memory', schema: 'create' }), DataModule.forFeature([NoteRepository])],
  controllers: [NoteController],
})
export class AppModule {}
TS
cat > test/note.controller.spec.ts <<'TS'
import { Test } from '@tenon/testing';
import { NoteController } from '../src/note.controller';
import { NoteRepository } from '../src/note.repository';

it('lists what the repository finds', async () => {
  const moduleRef = await Test.createTestingModule({ controllers: [NoteController] })
    .useMocker(() => ({ findAll: async () => [{ id: 1, text: 'x' }] }))
    .compile();
  expect(await moduleRef.get(NoteController).list()).toEqual([{ id: 1, text: 'x' }]);
  expect(moduleRef.get(NoteRepository)).toBeDefined();
  await moduleRef.close();
});
TS
cat > test/notes.e2e.spec.ts <<'TS'
import { Database } from '@tenon/data';
import { Test, TestDatabase } from '@tenon/testing';
import { AppModule } from '../src/app.module';
import { Note } from '../src/note.entity';

const db = TestDatabase.setup({ entities: [Note] });

it('creates and lists notes in the embedded database', async () => {
  const app = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(Database)
    .useValue(db.database)
    .createHttpApplication();
  try {
    const created = await app.inject({ method: 'POST', url: '/notes', payload: { text: 'hello' } });
    expect(created.statusCode).toBe(201);
    const list = await app.inject({ method: 'GET', url: '/notes' });
    expect(list.json()).toEqual([expect.objectContaining({ text: 'hello' })]);
  } finally {
    await app.close();
  }
});

it('sees an empty table again: each test is rolled back', async () => {
  const app = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(Database)
    .useValue(db.database)
    .createHttpApplication();
  try {
    expect((await app.inject({ method: 'GET', url: '/notes' })).json()).toEqual([]);
  } finally {
    await app.close();
  }
});
TS

echo "preset-smoke: installing the tarballs in $app"
npm install --no-audit --no-fund --loglevel=error ./tarballs/*.tgz jest@^30 @types/jest@^30 @types/node@^22 typescript@~5.9.3 >/dev/null
npx tsc --noEmit -p .
# TestDatabase takes PostgreSQL from TENON_TEST_POSTGRES_URL (set by .ci/run for the server
# suites); this app is the embedded default and has no `pg`. No --forceExit: jest must end alone.
env -u NODE_OPTIONS -u TENON_TEST_POSTGRES_URL npx jest --ci
