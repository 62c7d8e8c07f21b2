#!/usr/bin/env node
// Bundles the CommonJS that tsc wrote to dist/ of the packages on an application's start path
// (@tenon/core, @tenon/http) into one file each, dist/bundle.js, which their package.json's main
// and exports name (@tenon/core's is dist/package.bundle.js, behind a two-line dist/bundle.js that
// turns Tenon's code cache on first: see codeCacheEntry below). Why: Node resolves, stats, reads and compiles every file a require() reaches,
// and at ~200 small files that was about 55 ms of CPU of every start on Node 24 (~20 ms bundled),
// a fifth of a 1,000-provider app's process start.
//
// The input is tsc's output, not the sources: esbuild emits no decorator metadata
// (`design:paramtypes`), which dependency injection reads. Each file stays a CommonJS module of
// its own inside the bundle (loaded on its first require, in the same order as before); only
// packages outside the package stay require()s. Node finds the named exports of a CommonJS
// module for `import { X } from` by reading its text (cjs-module-lexer); the bundle ends with the
// line esbuild writes for that itself when it turns ES modules into CommonJS,
// `0 && (module.exports = { A, B })`, which never runs, listing what dist/index.js exports
// (attw, run by `npm run lint`, checks that every export in the types is found). The
// source map goes through tsc's maps to src/, which the tarball ships.
//
// tsc -b alone leaves the bundle as it was: every script that builds and then runs the packages
// runs this after tsc (the root `build` script does).
//
//   node scripts/bundle-packages.js            # every package below
//   node scripts/bundle-packages.js core http  # some of them
const { buildSync } = require('esbuild');
const { existsSync, readFileSync, readdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
// The packages check that it is loaded before them.
require('reflect-metadata');
const BUNDLED = ['core', 'http'];
// The package whose entry file installs the code cache before loading its bundle.
const CODE_CACHE_FIRST = 'core';

const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!BUNDLED.includes(name)) throw new Error(`${name} is not a bundled package (${BUNDLED.join(', ')})`);
}
for (const name of wanted.length ? wanted : BUNDLED) {
  const dist = join(root, 'packages', name, 'dist');
  const entry = join(dist, 'index.js');
  if (!existsSync(entry)) throw new Error(`${entry} does not exist: run tsc -b first`);
  const exported = require(entry);
  // `__esModule` too: Node's lexer listed it from tsc's output, so `import *` keeps it.
  const names = [...(Object.hasOwn(exported, '__esModule') ? ['__esModule'] : []), ...Object.keys(exported)];
  const bad = names.filter((n) => !/^[A-Za-z_$][\w$]*$/.test(n));
  if (bad.length) throw new Error(`${name}: exports ${bad.join(', ')} cannot be listed for Node's lexer`);
  const { outputFiles } = buildSync({
    // A one-line entry that requires tsc's: the getters tsc's index defines on `exports` then sit
    // inside the bundle, where the lexer does not read them (kept names wrap them in a call it
    // takes for an unsafe getter, which would hide the export even from the list below).
    stdin: {
      contents: `module.exports = require('./index.js');\n`,
      resolveDir: dist,
      // Its one line stands for the package's index in the source map (which names only files
      // the tarball ships).
      sourcefile: '../src/index.ts',
      loader: 'js',
    },
    outfile: join(dist, name === CODE_CACHE_FIRST ? 'package.bundle.js' : 'bundle.js'),
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // The engines' lowest Node: the syntax tsc wrote (ES2022) goes through unchanged.
    target: 'node20',
    // Dependencies and the other @tenon packages stay require()s, resolved as before.
    packages: 'external',
    sourcemap: 'linked',
    sourcesContent: false,
    // Not keepNames: it wraps every function expression in a call that redefines its name, run
    // each time the expression is (closures on the request path too). Class names: see below.
    minify: false,
    legalComments: 'none',
    footer: {
      js: `// The named exports, for Node's ES-module interop (never runs).\n0 && (module.exports = { ${names.join(', ')} });`,
    },
    logLevel: 'warning',
  });
  for (const file of outputFiles) {
    const text = file.path.endsWith('.js') ? restoreClassNames(file.text, dist) : file.text;
    writeFileSync(file.path, text);
  }
  if (name === CODE_CACHE_FIRST) writeFileSync(join(dist, 'bundle.js'), codeCacheEntry(names));
}

/**
 * @tenon/core's entry file: turns Tenon's code cache on, then loads the bundle, which is then
 * compiled through the cache too (the container's scan and link are much of a start). The cache
 * is tsc's file, outside the bundle: it must run before the bundle is compiled.
 */
function codeCacheEntry(names) {
  return [
    "'use strict';",
    "// Tenon's code cache before the package is compiled: see src/loading/code-cache.ts.",
    "require('./loading/code-cache.js').installCodeCache();",
    "module.exports = require('./package.bundle.js');",
    "// The named exports, for Node's ES-module interop (never runs).",
    `0 && (module.exports = { ${names.join(', ')} });`,
    '',
  ].join('\n');
}

/**
 * esbuild writes a class that refers to itself in its body as `var X = class _X { ... _X ... }`,
 * and its `name` is then `_X`: errors (`this.name = new.target.name`), tokens and logs would
 * print that. The inner binding gets its name back: `_X` becomes `X ` (the space keeps every
 * column, so the source map stays exact). Inside the body `X` then means the class itself, as it
 * did in tsc's output; no `_X` exists in tsc's output (checked), so every `_X` is esbuild's.
 */
function restoreClassNames(text, dist) {
  const renamed = [...text.matchAll(/\bvar (\w+) = class _\1\b/g)].map((m) => m[1]);
  if (renamed.length === 0) return text;
  const inputs = jsFiles(dist)
    .filter((f) => !f.endsWith('bundle.js'))
    .map((f) => readFileSync(f, 'utf8'));
  for (const name of renamed) {
    const inner = `(?<![\\w$])_${name}(?![\\w$])`;
    if (inputs.some((input) => new RegExp(inner).test(input)))
      throw new Error(`_${name} is an identifier of tsc's output: its class's name cannot be restored`);
    text = text.replace(new RegExp(inner, 'g'), `${name} `);
  }
  // A renamed class in another shape (not `var X = class _X`) would still print its new name.
  const left = /= class (_\w+)/.exec(text);
  if (left) throw new Error(`esbuild renamed a class to ${left[1]}, in a shape this script does not restore`);
  return text;
}

function jsFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) jsFiles(path, out);
    else if (entry.name.endsWith('.js')) out.push(path);
  }
  return out;
}
