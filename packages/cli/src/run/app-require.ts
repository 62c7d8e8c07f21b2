import { createRequire } from 'node:module';
import * as path from 'node:path';
import { CliError } from '../errors/cli.error';
import { CliErrorCode } from '../errors/errors';

/**
 * Loads a package as the app sees it (from the app's node_modules), so that classes the app's
 * code registers (entities, modules) and the functions that read them are one and the same copy.
 */
export function requireFromApp<T>(root: string, request: string, why: string): T {
  const appRequire = createRequire(path.join(root, 'package.json'));
  let resolved: string;
  try {
    resolved = appRequire.resolve(request);
  } catch (error) {
    throw new CliError(
      CliErrorCode.PACKAGE_MISSING,
      `${request} is not installed in ${root}, and ${why}. Run npm install there (or npm install ${request}).`,
      { cause: error },
    );
  }
  return appRequire(resolved) as T;
}

/** A tool's file, from the app's node_modules when it has one, else from the CLI's own. */
export function resolveTool(root: string, request: string): string {
  try {
    return createRequire(path.join(root, 'package.json')).resolve(request);
  } catch {
    return require.resolve(request);
  }
}
