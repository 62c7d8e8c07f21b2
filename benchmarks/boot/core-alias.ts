import Module from 'node:module';

/*
 * Preloaded with `-r` by compare-core: when TENON_CORE_DIR names a copy of packages/core (with its
 * dist/), every `require('@tenon/core')` (the app's and @tenon/http's) loads that copy instead.
 */
const dir = process.env.TENON_CORE_DIR;
if (dir) {
  const loader = Module as unknown as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
  };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]): string {
    if (request === '@tenon/core') return `${dir}/dist/index.js`;
    return resolve.call(this, request, ...rest);
  };
}
