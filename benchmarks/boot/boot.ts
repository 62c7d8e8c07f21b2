import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { ApplicationContext, type PhaseTimings } from '@tenon/core';
import { generateGraph } from './generate-graph';
import { writeSection } from '../harness/report';

/*
 * Boot cost by phase for generated graphs of growing size. Each measurement is a fresh
 * process (cold, as a real start is), sizes alternate (10, 100, 300, 10, 100, 300...) so
 * that machine noise spreads over all of them, and medians are reported.
 *   node benchmarks/dist/boot/boot.js [--runs 7] [--node /path/to/node]
 * With --node the children run on that Node; the section of RESULTS.md is then
 * `bench:boot-phases-node<major>` (Node 20 keeps `bench:boot-phases`).
 */
const SIZES = [10, 100, 300];
const PROVIDERS = 10;

async function child(modules: number): Promise<void> {
  const root = generateGraph({ modules, providersPerModule: PROVIDERS });
  const start = performance.now();
  const cpuBefore = process.cpuUsage();
  const context = await ApplicationContext.create(root);
  const total = performance.now() - start;
  const used = process.cpuUsage(cpuBefore);
  await context.close();
  // CPU time of create(): what other work on a busy machine inflates far less than the clock.
  process.stdout.write(JSON.stringify({ ...context.timings, total, cpu: (used.user + used.system) / 1000 }));
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function parent(): void {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
  const nodeArg = process.argv.indexOf('--node');
  const node = nodeArg > 0 ? process.argv[nodeArg + 1]! : process.execPath;
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const major = version.replace(/^v/, '').split('.')[0];
  const results = new Map<number, Array<PhaseTimings & { total: number; cpu: number }>>(
    SIZES.map((s) => [s, []]),
  );
  for (let r = 0; r < runs; r++) {
    for (const size of SIZES) {
      // Pinned like the servers of the harness, so that the figures are comparable with its boot table.
      const out = spawnSync('taskset', ['-c', '0', node, __filename, '--child', String(size)], {
        encoding: 'utf8',
      });
      if (out.status !== 0) throw new Error(out.stderr);
      results.get(size)!.push(JSON.parse(out.stdout) as PhaseTimings & { total: number; cpu: number });
    }
  }
  const perProvider = (size: number) =>
    (median(results.get(size)!.map((x) => x.total)) / (size * PROVIDERS)) * 1000;
  const rows = SIZES.map((size) => {
    const list = results.get(size)!;
    const m = (k: keyof PhaseTimings | 'total' | 'cpu') => median(list.map((x) => x[k])).toFixed(1);
    return `| ${size} x ${PROVIDERS} | ${size * PROVIDERS} | ${m('scan')} | ${m('link')} | ${m('instantiate')} | ${m('init')} | ${m('total')} | ${m('cpu')} | ${perProvider(size).toFixed(1)} |`;
  });
  const growth = perProvider(300) / perProvider(100);
  const markdown = [
    `## Boot phases (\`npm run bench:boot\`), Node ${major}`,
    '',
    '`ApplicationContext.create()` of @tenon/core alone (no HTTP), phase by phase. Generated graphs: each module',
    'has 10 providers, each provider needs one or two others (an earlier provider of its module, and for every',
    'third provider an export of the previous module); each module imports the previous one and the root imports',
    `all. Each figure is the median of ${runs} cold runs in a fresh process pinned with \`taskset -c 0\`; sizes`,
    'alternate 10, 100, 300, 10, 100, 300...',
    '',
    `Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${version}, load average of the machine (1 min) ${loadavg()[0]!.toFixed(1)} at the end (above 2 on this 2-core machine means other work shared the cores):`,
    '',
    '| modules x providers | providers | scan | link | instantiate | init | total | CPU of create() | µs per provider |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Cost per provider at 3,000 providers is ${growth.toFixed(2)}x the cost at 1,000: ` +
      (growth < 1.25
        ? 'boot grows linearly with the graph.'
        : 'boot grows faster than the graph; look at the phase that grows most.') +
      ' The 10-module row pays fixed start-up costs (first calls into tsyringe and the JIT) over few providers.',
  ].join('\n');
  console.log(markdown);
  if (!process.argv.includes('--no-write'))
    writeSection(major === '20' ? 'bench:boot-phases' : `bench:boot-phases-node${major}`, markdown);
}

const childArg = process.argv.indexOf('--child');
if (childArg > 0) void child(Number(process.argv[childArg + 1]));
else parent();
