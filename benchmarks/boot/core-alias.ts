import Module from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * Preloaded with `-r` by compare-core: when TENON_CORE_DIR (or TENON_HTTP_DIR) names a copy of
 * packages/core (packages/http) with its dist/, every `require('@tenon/core')` (`'@tenon/http'`),
 * the app's and the other package's, loads that copy instead: the file its package.json names as
 * `main` (the bundle since the packages ship one, dist/index.js in copies saved before).
 */
const dirs = new Map<string, string>();
if (process.env.TENON_CORE_DIR) dirs.set('@tenon/core', process.env.TENON_CORE_DIR);
if (process.env.TENON_HTTP_DIR) dirs.set('@tenon/http', process.env.TENON_HTTP_DIR);
const mains = new Map<string, string>();
function mainOf(dir: string): string {
  let main = mains.get(dir);
  if (main === undefined) {
    main = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { main: string }).main;
    mains.set(dir, main);
  }
  return main;
}

if (dirs.size > 0) {
  const loader = Module as unknown as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
  };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]): string {
    const dir = dirs.get(request);
    if (dir) return join(dir, mainOf(dir));
    return resolve.call(this, request, ...rest);
  };
}
