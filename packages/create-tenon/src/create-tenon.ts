import { runTenon, type CliIo } from '@tenon/cli';

/**
 * `npm create tenon my-app [-- --esm --db postgres]`: npm runs the `create-tenon` binary, which is
 * `tenon new` with the same arguments and the same implementation. Returns the exit code.
 *
 * @example
 * process.exitCode = await createTenon(['my-app', '--esm']);
 */
export function createTenon(argv: readonly string[], io?: CliIo): Promise<number> {
  return runTenon(['new', ...argv], io);
}
