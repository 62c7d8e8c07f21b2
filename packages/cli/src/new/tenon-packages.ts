import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { CliError } from '../errors/cli.error';
import { CliErrorCode } from '../errors/errors';

/**
 * The dependency specs of `@tenon/*` packages: `^<cli version>` from the registry, or, when
 * `TENON_PACKAGES_DIR` names a folder of `npm pack` tarballs, `file:` paths to them (how tests
 * and CI try an app before anything is published).
 *
 * @example
 * tenonPackageSpecs(['core', 'http'], '0.1.0', undefined); // { '@tenon/core': '^0.1.0', '@tenon/http': '^0.1.0' }
 */
export function tenonPackageSpecs(
  names: readonly string[],
  version: string,
  packagesDir: string | undefined,
): Record<string, string> {
  const specs: Record<string, string> = {};
  if (packagesDir === undefined || packagesDir === '') {
    for (const name of names) specs[`@tenon/${name}`] = `^${version}`;
    return specs;
  }
  const dir = path.resolve(packagesDir);
  const tarballs = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.tgz')) : [];
  const missing: string[] = [];
  for (const name of names) {
    // `npm pack` names @tenon/core's tarball tenon-core-<version>.tgz; the newest version wins.
    const matches = tarballs
      .filter((f) => new RegExp(`^tenon-${name}-\\d+\\.\\d+\\.\\d+[^/]*\\.tgz$`).test(f))
      .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    const file = matches[matches.length - 1];
    if (file) specs[`@tenon/${name}`] = `file:${path.join(dir, file)}`;
    else missing.push(`tenon-${name}-*.tgz`);
  }
  if (missing.length > 0)
    throw new CliError(
      CliErrorCode.PACKAGES_DIR_INVALID,
      `TENON_PACKAGES_DIR is ${dir}, which ${existsSync(dir) ? `lacks ${missing.join(', ')}` : 'does not exist'}. ` +
        `Run npm pack for each @tenon package into that folder (npm pack -w packages/core --pack-destination ${dir}), or unset TENON_PACKAGES_DIR to install from the registry.`,
    );
  return specs;
}
