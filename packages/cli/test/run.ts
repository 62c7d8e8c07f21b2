import { runTenon } from '../src/index';

/** Runs `tenon argv` in-process in `cwd`; returns the exit code and what it printed. */
export async function run(
  argv: string[],
  cwd = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runTenon(argv, { cwd, env, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
