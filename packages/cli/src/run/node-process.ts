import { spawn, type ChildProcess } from 'node:child_process';

/** Starts `node <entry>` in `cwd`, sharing the terminal. */
export function startNode(
  entry: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  pipeStdout = false,
): ChildProcess {
  return spawn(process.execPath, ['--enable-source-maps', entry], {
    cwd,
    env,
    stdio: ['inherit', pipeStdout ? 'pipe' : 'inherit', 'inherit'],
  });
}

/** Resolves with the exit code (128 + signal number style codes become 1). */
export function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code ?? 1));
  });
}

/** Stops a child: SIGTERM, then SIGKILL if it is still running after `graceMs`. */
export async function stop(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}

/** Passes SIGINT/SIGTERM of this process to the child while it runs. */
export function forwardSignals(child: ChildProcess): () => void {
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
    const handler = (): void => void child.kill(signal);
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return () => handlers.forEach(([signal, handler]) => process.off(signal, handler));
}
