/** What decides how a Node process implements `AsyncLocalStorage`. */
export interface NodeRuntime {
  /** `process.versions.node`, e.g. `'20.20.2'`. */
  version: string;
  /** `process.execArgv`: the flags given on the command line. */
  execArgv: readonly string[];
  /** `process.env.NODE_OPTIONS`. */
  nodeOptions?: string | undefined;
}

function currentRuntime(): NodeRuntime {
  return {
    version: process.versions.node,
    execArgv: process.execArgv,
    nodeOptions: process.env.NODE_OPTIONS,
  };
}

/**
 * Whether `AsyncLocalStorage` is backed by AsyncContextFrame in this process: then a request
 * scope costs a few allocations. Otherwise (Node 20, Node 22 by default, or
 * `--no-async-context-frame`) it runs on async_hooks, and once any scope was entered every
 * promise and callback of the process pays for context propagation.
 *
 * AsyncContextFrame is the default from Node 24 on (`--no-async-context-frame` turns it off)
 * and opt-in on Node 22 and 23 (`--experimental-async-context-frame`). Flags in `NODE_OPTIONS`
 * come first and the command line's after them, so the last one named wins, as in Node.
 *
 * @example
 * asyncContextFrameEnabled(); // true on Node 24, false on Node 20
 * asyncContextFrameEnabled({ version: '22.12.0', execArgv: ['--experimental-async-context-frame'] }); // true
 */
export function asyncContextFrameEnabled(runtime: NodeRuntime = currentRuntime()): boolean {
  const major = Number(runtime.version.replace(/^v/, '').split('.')[0]);
  if (!Number.isFinite(major) || major < 22) return false;
  let enabled = major >= 24;
  const flags = [...(runtime.nodeOptions?.split(/\s+/) ?? []), ...runtime.execArgv];
  for (const flag of flags) {
    if (flag === '--async-context-frame' || flag === '--experimental-async-context-frame') enabled = true;
    else if (flag === '--no-async-context-frame' || flag === '--no-experimental-async-context-frame')
      enabled = false;
  }
  return enabled;
}
