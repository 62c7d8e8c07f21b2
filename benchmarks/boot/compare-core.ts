import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { bootOnce, type BootSample } from '../harness/boot-bench';
import { serverNodePath, serverNodeVersionString, useServerNode } from '../harness/server-process';
import { median } from '../harness/stats';

/*
 * Boot of the generated app on two builds of @tenon/core (or of @tenon/http with --package http,
 * or both with --package core,http), alternating A, B, A, B... with Nest and the raw Fastify floor
 * in the same rounds, so that a change in a package is judged within one run on a busy machine. A
 * is a saved copy of the package, B the working tree's build. `--node <path>` boots on another Node.
 *
 *   node benchmarks/dist/boot/compare-core.js [--package http] --save   # copy the current build as A
 *   (change the package, npm run build)
 *   node benchmarks/dist/boot/compare-core.js [--package http] [--runs 9] [--modules 100] [--phases]
 *
 * Besides the wall times it prints each variant's CPU time (user + system) from process start to
 * listening and its RSS, medians; the ratios to Nest are taken within a round, then their median.
 *
 * --phases also compares ApplicationContext.create() alone, phase by phase (bench:boot's child;
 * `cpu` is the process's CPU time during create()); --phases-only compares only that.
 */
const root = resolve(__dirname, '..', '..', '..');
const packages = (
  process.argv.includes('--package') ? process.argv[process.argv.indexOf('--package') + 1]! : 'core'
).split(',');
for (const pkg of packages)
  if (pkg !== 'core' && pkg !== 'http')
    throw new Error(`--package must be core, http or core,http, not ${pkg}`);
const dirVariable = (pkg: string): string => (pkg === 'core' ? 'TENON_CORE_DIR' : 'TENON_HTTP_DIR');
// Under node_modules so that the copy resolves the package's own dependencies as the original does.
const saved = (pkg: string): string => join(root, 'node_modules', `.tenon-${pkg}-a`);
const alias = join(__dirname, 'core-alias.js');

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function save(): void {
  for (const pkg of packages) {
    rmSync(saved(pkg), { recursive: true, force: true });
    mkdirSync(saved(pkg), { recursive: true });
    cpSync(join(root, 'packages', pkg, 'dist'), join(saved(pkg), 'dist'), { recursive: true });
    cpSync(join(root, 'packages', pkg, 'package.json'), join(saved(pkg), 'package.json'));
    console.log(`saved packages/${pkg}/dist as A in ${saved(pkg)}`);
  }
}

type Variant = { name: string; framework: 'tenon' | 'nest' | 'fastify'; saved: boolean };

async function compareBoot(runs: number, modules: number): Promise<void> {
  const variants: Variant[] = [
    { name: 'tenon A', framework: 'tenon', saved: true },
    { name: 'tenon B', framework: 'tenon', saved: false },
    { name: 'nest', framework: 'nest', saved: false },
    { name: 'fastify', framework: 'fastify', saved: false },
  ];
  const samples = new Map<string, BootSample[]>(variants.map((v) => [v.name, []]));
  console.log(
    `load average before the boots ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const { NODE_OPTIONS: nodeOptions } = process.env;
  for (let r = 0; r < runs; r++) {
    for (const v of variants) {
      // bootOnce passes this process's environment to the server it starts.
      process.env.NODE_OPTIONS = `${nodeOptions ?? ''} -r ${alias}`.trim();
      for (const pkg of packages) process.env[dirVariable(pkg)] = v.saved ? saved(pkg) : '';
      try {
        samples.get(v.name)!.push(await bootOnce(v.framework, modules));
      } finally {
        if (nodeOptions === undefined) delete process.env.NODE_OPTIONS;
        else process.env.NODE_OPTIONS = nodeOptions;
        for (const pkg of packages) delete process.env[dirVariable(pkg)];
      }
    }
  }
  const nest = samples.get('nest')!;
  const m = (list: BootSample[], k: keyof BootSample): number => median(list.map((s) => s[k]));
  // Before create(): loading the modules (the framework's and the app's) and building the graph.
  const before = (list: BootSample[]): number => median(list.map((s) => s.listenAt - s.bootMs));
  const load = loadavg().map((x) => x.toFixed(2));
  // Within a round first: a neighbour's burst then slows both sides of the ratio.
  const ratio = (list: BootSample[], k: keyof BootSample): number =>
    median(list.map((s, i) => s[k] / nest[i]![k]));
  console.log(
    `| ${modules} modules, ${runs} runs, ${serverNodeVersionString()} | start → create() | create() | create → listening | start → listening | CPU to listening | RSS (MiB) | / Nest: create, create → listening, start → listening, CPU |`,
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const v of variants) {
    const list = samples.get(v.name)!;
    const ratios = (['createMs', 'bootMs', 'listenAt', 'cpuMs'] as const)
      .map((k) => ratio(list, k).toFixed(3))
      .join(' / ');
    console.log(
      `| ${v.name} | ${before(list).toFixed(1)} | ${m(list, 'createMs').toFixed(1)} | ${m(list, 'bootMs').toFixed(1)} | ${m(list, 'listenAt').toFixed(1)} | ${m(list, 'cpuMs').toFixed(1)} | ${(m(list, 'rss') / 2 ** 20).toFixed(1)} | ${ratios} |`,
    );
  }
  console.log(`load average at the end of the boots ${load.join(' ')}`);
}

function comparePhases(runs: number, modules: number): void {
  const keys = ['scan', 'link', 'instantiate', 'init', 'total', 'cpu'] as const;
  const results = { A: [] as Record<string, number>[], B: [] as Record<string, number>[] };
  for (let r = 0; r < runs; r++) {
    for (const [name, dir] of [
      ['A', 'A'],
      ['B', 'B'],
    ] as const) {
      const env: NodeJS.ProcessEnv = { ...process.env };
      for (const pkg of packages) env[dirVariable(pkg)] = dir === 'A' ? saved(pkg) : '';
      const out = spawnSync(
        'taskset',
        ['-c', '0', serverNodePath(), '-r', alias, join(__dirname, 'boot.js'), '--child', String(modules)],
        { encoding: 'utf8', env },
      );
      if (out.status !== 0) throw new Error(out.stderr);
      results[name].push(JSON.parse(out.stdout) as Record<string, number>);
    }
  }
  for (const name of ['A', 'B'] as const)
    console.log(
      `create() ${name}: ${keys.map((k) => `${k} ${median(results[name].map((x) => x[k]!)).toFixed(1)}`).join(', ')} ms`,
    );
}

async function main(): Promise<void> {
  if (process.argv.includes('--save')) return save();
  if (process.argv.includes('--node')) useServerNode(process.argv[process.argv.indexOf('--node') + 1]!);
  const runs = option('--runs', 9);
  const modules = option('--modules', 100);
  if (!process.argv.includes('--phases-only')) await compareBoot(runs, modules);
  if (process.argv.includes('--phases') || process.argv.includes('--phases-only'))
    comparePhases(runs, modules);
}

void main();
