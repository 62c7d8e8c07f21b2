import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { NEST_NAMES, NEST_PACKAGES_NOT_YET } from '../../src/index';

/** The names a package's src/index.ts exports (`export { A, B as C }` and `export type { ... }`). */
function exportsOf(pkg: string): Set<string> {
  const index = readFileSync(path.resolve(__dirname, '../../..', pkg, 'src/index.ts'), 'utf8');
  const names = new Set<string>();
  for (const block of index.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g))
    for (const part of block[1]!.split(','))
      if (part.trim() !== '')
        names.add(
          part
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)
            .pop()!,
        );
  return names;
}

describe('the Nest name table', () => {
  it('names only what the Tenon packages export', () => {
    const missing: string[] = [];
    for (const [nestModule, names] of Object.entries(NEST_NAMES))
      for (const [nestName, mapping] of Object.entries(names)) {
        if (mapping.module === undefined) continue;
        const name = mapping.name ?? nestName;
        if (!exportsOf(mapping.module.replace('@tenon/', '')).has(name))
          missing.push(`${nestModule} ${nestName} -> ${mapping.module} ${name}`);
      }
    expect(missing).toEqual([]);
  });

  it('is in docs/migrating-from-nest.md, every Nest name and package', () => {
    const guide = readFileSync(path.resolve(__dirname, '../../../../docs/migrating-from-nest.md'), 'utf8');
    const absent: string[] = [];
    for (const [nestModule, names] of Object.entries(NEST_NAMES)) {
      if (!guide.includes(nestModule)) absent.push(nestModule);
      for (const name of Object.keys(names)) if (!new RegExp(`\\b${name}\\b`).test(guide)) absent.push(name);
    }
    for (const nestModule of Object.keys(NEST_PACKAGES_NOT_YET))
      if (!guide.includes(nestModule)) absent.push(nestModule);
    expect(absent).toEqual([]);
  });
});
