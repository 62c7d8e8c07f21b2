import Module from 'node:module';

/*
 * Preloaded with `-r` by compare-core: when TENON_CORE_DIR (or TENON_HTTP_DIR) names a copy of
 * packages/core (packages/http) with its dist/, every `require('@tenon/core')` (`'@tenon/http'`),
 * the app's and the other package's, loads that copy instead.
 */
const dirs = new Map<string, string>();
if (process.env.TENON_CORE_DIR) dirs.set('@tenon/core', process.env.TENON_CORE_DIR);
if (process.env.TENON_HTTP_DIR) dirs.set('@tenon/http', process.env.TENON_HTTP_DIR);
if (dirs.size > 0) {
  const loader = Module as unknown as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
  };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]): string {
    const dir = dirs.get(request);
    if (dir) return `${dir}/dist/index.js`;
    return resolve.call(this, request, ...rest);
  };
}
