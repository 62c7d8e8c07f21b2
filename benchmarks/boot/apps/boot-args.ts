/** `--modules N`: the size of the generated app (10 providers and one controller per module). */
export function bootModules(argv: readonly string[] = process.argv): number {
  const i = argv.indexOf('--modules');
  const n = i > 0 ? Number(argv[i + 1]) : NaN;
  if (!Number.isInteger(n) || n < 1) throw new Error('--modules N is required');
  return n;
}

export const PROVIDERS_PER_MODULE = 10;
