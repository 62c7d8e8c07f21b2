import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The section of docs/errors.md headed `## <pkg>`, up to the next section. */
function sectionOf(docs: string, pkg: string): string | undefined {
  const heading = new RegExp(`^## ${pkg.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`, 'm').exec(docs);
  if (!heading) return undefined;
  const end = docs.indexOf('\n## ', heading.index + 1);
  return docs.slice(heading.index, end === -1 ? undefined : end);
}

/**
 * Checks a package's error registry against docs/errors.md, the one check every package runs:
 * a row per code with its cause and how to solve it (three non-empty cells), no row for a code
 * the registry lacks, every code prefixed `TENON_<PACKAGE>_` and unique.
 *
 * @example
 * // packages/http/test/errors-documented.spec.ts
 * describeErrorCodesDocumented('@tenon/http', HttpErrorCode);
 */
export function describeErrorCodesDocumented(pkg: string, registry: Readonly<Record<string, string>>): void {
  const prefix = `TENON_${pkg.replace(/^@tenon\//, '').toUpperCase()}_`;
  const codes = Object.values(registry);

  describe(`docs/errors.md, section ${pkg}`, () => {
    const section = sectionOf(readFileSync(join(__dirname, '../docs/errors.md'), 'utf8'), pkg) ?? '';

    it('exists', () => {
      expect(section).not.toBe('');
    });

    it.each(codes)('has a row for %s with its cause and how to solve it', (code) => {
      const row = section.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
      expect(row).toBeDefined();
      const cells = row!.replace(/^\||\|$/g, '').split(' | ');
      expect(cells.length).toBeGreaterThanOrEqual(3);
      expect(cells.every((cell) => cell.trim().length > 0)).toBe(true);
    });

    it('has no row for a code the registry does not have', () => {
      const documented = [...section.matchAll(/^\| `(TENON_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
      expect(documented.sort()).toEqual([...codes].sort());
    });

    it(`keeps every code prefixed with ${prefix} and unique`, () => {
      for (const code of codes) expect(code).toMatch(new RegExp(`^${prefix}[A-Z0-9_]+$`));
      expect(new Set(codes).size).toBe(codes.length);
    });
  });
}
