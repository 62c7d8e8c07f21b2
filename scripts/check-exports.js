#!/usr/bin/env node
// Fails the build when the public API and the code or docs disagree:
// 1. every export of a `*.decorator.ts` file is exported from its package's src/index.ts;
// 2. every name a README imports from '@tenon/<pkg>' is exported by that package.
const { readFileSync, readdirSync, statSync, existsSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');
const packages = ['core', 'http', 'data', 'messaging', 'scheduling', 'testing', 'security'];
const problems = [];

function walk(dir, out = []) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (entry === 'node_modules' || entry === 'dist') continue;
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

function exportedNames(source) {
  const names = new Set();
  for (const m of source.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const part of m[1].split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        .replace(/^type\s+/, '')
        .trim();
      if (name) names.add(name);
    }
  }
  for (const m of source.matchAll(
    /export\s+(?:declare\s+)?(?:abstract\s+)?(?:const|function|class|enum|interface|type)\s+([A-Za-z_$][\w$]*)/g,
  )) {
    names.add(m[1]);
  }
  return names;
}

const publicApi = {};
for (const pkg of packages) {
  const index = join(root, 'packages', pkg, 'src', 'index.ts');
  if (!existsSync(index)) continue;
  publicApi[pkg] = exportedNames(readFileSync(index, 'utf8'));
  for (const file of walk(join(root, 'packages', pkg, 'src')).filter((f) => f.endsWith('.decorator.ts'))) {
    // Decorators are exported functions named in PascalCase; comments (JSDoc examples) are skipped.
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    for (const m of code.matchAll(/export\s+(?:function|const)\s+([A-Z][a-z]\w*)/g)) {
      if (!publicApi[pkg].has(m[1])) {
        problems.push(
          `${relative(root, file)} exports ${m[1]}, which packages/${pkg}/src/index.ts does not export`,
        );
      }
    }
  }
}

const readmes = [
  join(root, 'README.md'),
  ...walk(join(root, 'packages')),
  ...walk(join(root, 'samples')),
].filter((f) => f.endsWith('README.md'));
for (const file of readmes) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'@tenon\/(\w+)'/g)) {
    const api = publicApi[m[2]];
    if (!api) continue;
    for (const part of m[1].split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0]
        .trim();
      if (name && !api.has(name))
        problems.push(
          `${relative(root, file)} imports ${name} from @tenon/${m[2]}, which does not export it`,
        );
    }
  }
}

if (problems.length) {
  console.error(
    `Public API check failed (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  );
  process.exit(1);
}
console.log(
  `Public API check: ${Object.keys(publicApi).length} packages, ${readmes.length} READMEs consistent.`,
);
