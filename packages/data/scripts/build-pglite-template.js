#!/usr/bin/env node
// Makes the data-directory template @tenon/data ships (pglite-template/: the compressed tarball
// and template.json, which records the PGlite version) from the PGlite installed beside it, so
// that a machine's first start of an embedded database loads a template instead of running
// initdb (seconds, and twice the memory). Run by the builds and before `npm pack`, after `tsc`:
// it uses the compiled start code, so the shipped template is made exactly as a start without
// one makes its own. Nothing runs when a user installs the package.
//
//   node packages/data/scripts/build-pglite-template.js            # skips when it is up to date
//   node packages/data/scripts/build-pglite-template.js --force    # makes it again
const { existsSync, mkdirSync, readdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist', 'connection', 'pglite');
if (!existsSync(join(dist, 'shipped-template.js'))) {
  console.error(`build-pglite-template: ${dist} is not built; run tsc -b first`);
  process.exit(1);
}
const { makeTemplate, pgliteVersion } = require(join(dist, 'embedded-start.js'));
const {
  readShippedRecord,
  readShippedTemplate,
  writeShippedTemplate,
  SHIPPED_TEMPLATE_FOLDER,
  TEMPLATE_FORMAT,
} = require(join(dist, 'shipped-template.js'));

async function main() {
  const folder = SHIPPED_TEMPLATE_FOLDER;
  const version = pgliteVersion(require.resolve);
  if (version === 'unknown') throw new Error('@electric-sql/pglite is not installed beside @tenon/data');
  const record = existsSync(folder) ? readShippedRecord(folder) : undefined;
  const current =
    record !== undefined &&
    record.pglite === version &&
    record.format === TEMPLATE_FORMAT &&
    existsSync(join(folder, record.file));
  if (current && !process.argv.includes('--force')) return;
  const started = performance.now();
  const tar = await makeTemplate(require('@electric-sql/pglite'));
  // Templates of other PGlite versions or formats would only make the tarball bigger.
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const written = writeShippedTemplate(tar, version, folder);
  // Read back: a template that does not load is a build error, not a slow start for users.
  if ((await readShippedTemplate(version, folder)) === undefined)
    throw new Error('the template written does not load');
  const ms = (performance.now() - started).toFixed(0);
  console.log(
    `build-pglite-template: ${readdirSync(folder).join(', ')} (PGlite ${version}, ${written.bytes} bytes) in ${ms} ms`,
  );
}

main().catch((error) => {
  console.error(`build-pglite-template: ${error.stack || error}`);
  process.exit(1);
});
