/**
 * Where a command reads and writes. The `tenon` binary uses the process; tests pass their own
 * to run commands in-process and read what they printed.
 *
 * @example
 * const lines: string[] = [];
 * await runTenon(['info'], { cwd: dir, env: process.env, out: (l) => lines.push(l), err: (l) => lines.push(l) });
 */
export interface CliIo {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
}

/** The process's own working directory, environment, stdout and stderr. */
export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
}
