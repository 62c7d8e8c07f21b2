/** Progress on stderr, with the time since the harness started, so a slow phase shows. */
export function log(message: string): void {
  const s = Math.round(performance.now() / 1000);
  const stamp = `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  process.stderr.write(`[${stamp}] ${message}\n`);
}
