import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The folder of `@tenon/cli` itself (its package.json, `templates/`). This file sits directly in
 * `src/` (tests) and `dist/` (installed), so one level up is the package in both.
 */
export const PACKAGE_ROOT = path.resolve(__dirname, '..');

/** The version of this package: also the version `tenon new` gives the `@tenon/*` dependencies. */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
