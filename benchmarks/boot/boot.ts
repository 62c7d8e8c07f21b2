import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { ApplicationContext, type PhaseTimings } from '@tenon/core';
import { generateGraph } from './generate-graph';

/*
 * Boot cost by phase for generated graphs of growing size. Each measurement is a fresh
 * process (cold, as a real start is), sizes alternate (10, 100, 300, 10, 100, 300...) so
 * that machine noise spreads over all of them, and medians are reported.
 *   node benchmarks/dist/boot/boot.js [--runs 7]
 */
const SIZES = [10, 100, 300];
const PROVIDERS = 10;

async function child(modules: number): Promise<void> {
  const root = generateGraph({ modules, providersPerModule: PROVIDERS });
  const start = performance.now();
  const context = await ApplicationContext.create(root);
  const total = performance.now() - start;
  await context.close();
  process.stdout.write(JSON.stringify({ ...context.timings, total }));
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function parent(): void {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
  const results = new Map<number, Array<PhaseTimings & { total: number }>>(SIZES.map((s) => [s, []]));
  for (let r = 0; r < runs; r++) {
    for (const size of SIZES) {
      const out = spawnSync(process.execPath, [__filename, '--child', String(size)], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(out.stderr);
      results.get(size)!.push(JSON.parse(out.stdout) as PhaseTimings & { total: number });
    }
  }
  const rows = SIZES.map((size) => {
    const list = results.get(size)!;
    const m = (k: keyof PhaseTimings | 'total') => median(list.map((x) => x[k])).toFixed(1);
    return `| ${size} x ${PROVIDERS} | ${size * PROVIDERS} | ${m('scan')} | ${m('link')} | ${m('instantiate')} | ${m('init')} | ${m('total')} | ${((median(list.map((x) => x.total)) / (size * PROVIDERS)) * 1000).toFixed(1)} |`;
  });
  console.log(`Boot phases, median of ${runs} cold runs each (ms), Node ${process.version}`);
  console.log(
    '| modules x providers | providers | scan | link | instantiate | init | total | µs per provider |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
}

const childArg = process.argv.indexOf('--child');
if (childArg > 0) void child(Number(process.argv[childArg + 1]));
else parent();
