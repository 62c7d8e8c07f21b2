import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { NEST_NAMES } from '../../src/index';

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
});
