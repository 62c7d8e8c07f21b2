/**
 * The environment of a process a cache test starts: this process's, without the variables that
 * switch or move the caches (the developer's or CI's own), then `overrides`. JEST_WORKER_ID
 * stays: a process a test starts is an application like any other.
 */
export function cacheTestEnv(overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'NODE_COMPILE_CACHE',
    'NODE_DISABLE_COMPILE_CACHE',
    'TENON_CODE_CACHE',
    'NODE_V8_COVERAGE',
    'NODE_OPTIONS',
  ]) {
    delete env[name];
  }
  return { ...env, ...overrides };
}
