import { HttpBootError } from '../errors/http-boot.error';
import { HttpErrorCode } from '../errors/errors';

/** The `require` the loader uses; tests pass their own to simulate a missing package. */
export type RequireFn = (id: string) => unknown;

/** Whether `error` says that `pkg` itself (not one of its own dependencies) is not installed. */
export function isPackageMissing(error: unknown, pkg: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return (code === 'MODULE_NOT_FOUND' || /Cannot find module/.test(message)) && message.includes(`'${pkg}'`);
}

/**
 * The error for a feature whose optional peer package is not installed: it names the feature,
 * the package and the command that installs it (with the packages that go with it, such as eta
 * for @fastify/view).
 */
export function packageNotInstalled(
  feature: string,
  pkg: string,
  install: readonly string[],
  cause: unknown,
) {
  return new HttpBootError(
    HttpErrorCode.PACKAGE_NOT_INSTALLED,
    `${feature} needs the package "${pkg}", which is not installed. ` +
      `Install it with: npm install ${install.join(' ')}`,
    { cause },
  );
}

/**
 * Loads an optional peer of @tenon/http (Swagger UI, static files, views) when an option asks
 * for it. They are peers, not dependencies, so an API that serves none of them does not install
 * @fastify/static and its file-serving stack; a missing one is a coded boot error that names the
 * package. `require` (not `import()`): this package compiles to CommonJS and they ship CommonJS.
 *
 * @example
 * const view = loadOptionalPackage('@fastify/view', 'The views option', ['@fastify/view', 'eta']);
 */
export function loadOptionalPackage<T>(
  pkg: string,
  feature: string,
  install: readonly string[] = [pkg],
  requireFn: RequireFn = require,
): T {
  try {
    return requireFn(pkg) as T;
  } catch (error) {
    if (isPackageMissing(error, pkg)) throw packageNotInstalled(feature, pkg, install, error);
    throw error;
  }
}
