#!/usr/bin/env node
// Packs every published workspace under packages/ (`npm pack`, from the built dist) and checks
// each tarball as a user would receive it:
// 1. publint (package.json fields, exports, files) with warnings as errors;
// 2. @arethetypeswrong/cli, profile "strict": the types resolve from CommonJS and from ESM under
//    node10, node16 and bundler resolution (an ESM app importing these CommonJS packages
//    included);
// 3. the project's own conventions (CONTRIBUTING.md, "Add a package"): no *.tsbuildinfo, a
//    LICENSE, a README, every source a source map or declaration map names is in the tarball
//    (so stack traces and go-to-definition open real files), engines.node, repository with its
//    directory, and other @tenon packages as ^ ranges so each tarball installs alone.
//
//   node scripts/check-packages.js            # after `npm run build`; run by `npm run lint`
//   node scripts/check-packages.js core http  # some packages only
const { execFileSync } = require('node:child_process');
const { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join, normalize, relative } = require('node:path');

const root = join(__dirname, '..');
const NODE_RANGE = '>=22.12';
const bin = (name) => join(root, 'node_modules', '.bin', name);

function publishedPackages() {
  const wanted = process.argv.slice(2);
  return readdirSync(join(root, 'packages'))
    .filter((dir) => existsSync(join(root, 'packages', dir, 'package.json')))
    .filter((dir) => !JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')).private)
    .filter((dir) => wanted.length === 0 || wanted.includes(dir));
}

function walk(dir, out = []) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

function run(cmd, args) {
  try {
    return {
      ok: true,
      output: execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
    };
  } catch (error) {
    return { ok: false, output: `${error.stdout || ''}${error.stderr || ''}` };
  }
}

/** The project's conventions, checked on the unpacked tarball. */
function conventionProblems(dir, unpacked) {
  const problems = [];
  const pkg = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
  const files = walk(unpacked).map((f) => relative(unpacked, f));
  const present = new Set(files);
  for (const f of files.filter((f) => f.endsWith('.tsbuildinfo'))) problems.push(`${f} is in the tarball`);
  if (!present.has('LICENSE')) problems.push('no LICENSE file');
  else if (readFileSync(join(unpacked, 'LICENSE'), 'utf8') !== readFileSync(join(root, 'LICENSE'), 'utf8'))
    problems.push('LICENSE differs from the root LICENSE');
  if (!present.has('README.md')) problems.push('no README.md');
  if (pkg.engines?.node !== NODE_RANGE)
    problems.push(`engines.node is ${pkg.engines?.node}, not "${NODE_RANGE}"`);
  if (pkg.repository?.directory !== `packages/${dir}`)
    problems.push(`repository.directory is ${pkg.repository?.directory}, not "packages/${dir}"`);
  if (pkg.type !== 'commonjs') problems.push('"type" is not "commonjs"');
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(pkg[field] || {})) {
      if (name.startsWith('@tenon/') && !/^\^\d/.test(range))
        problems.push(`${field}.${name} is "${range}": use a ^ range so the tarball installs alone`);
    }
  }
  for (const file of files.filter((f) => f.endsWith('.map'))) {
    const map = JSON.parse(readFileSync(join(unpacked, file), 'utf8'));
    for (const source of map.sources || []) {
      const target = normalize(join(dirname(file), map.sourceRoot || '', source));
      if (!present.has(target)) problems.push(`${file} names ${target}, which is not in the tarball`);
    }
  }
  for (const f of files.filter((f) => /^(test|__tests__)\//.test(f) || /\.(spec|test)\.[cm]?[jt]s$/.test(f)))
    problems.push(`${f}: tests do not belong in the tarball`);
  return problems.slice(0, 20);
}

const work = mkdtempSync(join(tmpdir(), 'tenon-check-packages-'));
let failed = false;
try {
  for (const dir of publishedPackages()) {
    const cwd = join(root, 'packages', dir);
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    const tarball = join(work, packed.filename);
    const unpacked = join(work, dir);
    execFileSync('mkdir', ['-p', unpacked]);
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);

    const problems = conventionProblems(dir, unpacked);
    const publint = run(bin('publint'), ['run', tarball, '--strict', '--level', 'warning']);
    const attw = run(bin('attw'), [
      tarball,
      '--profile',
      'strict',
      '--format',
      'ascii',
      '--no-color',
      '--no-emoji',
    ]);
    const ok = problems.length === 0 && publint.ok && attw.ok;
    const size = `${(packed.size / 1024).toFixed(0)} kB packed, ${packed.entryCount} files`;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${packed.name} (${size}): publint ${publint.ok ? 'ok' : 'failed'}, attw ${attw.ok ? 'ok' : 'failed'}, conventions ${problems.length === 0 ? 'ok' : 'failed'}`,
    );
    if (!ok) {
      failed = true;
      for (const p of problems) console.log(`     ${p}`);
      if (!publint.ok) console.log(publint.output);
      if (!attw.ok) console.log(attw.output);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failed) {
  console.error('check-packages: fix the problems above (see CONTRIBUTING.md, "Add a package").');
  process.exit(1);
}
