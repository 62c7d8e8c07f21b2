import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { bootOnce, type BootSample } from '../harness/boot-bench';
import { median } from '../harness/stats';

/*
 * Boot of the generated app on two builds of @tenon/core (or of @tenon/http with --package http),
 * alternating A, B, A, B... with Nest and the raw Fastify floor in the same rounds, so that a
 * change in a package is judged within one run on a busy machine. A is a saved copy of the
 * package, B the working tree's build.
 *
 *   node benchmarks/dist/boot/compare-core.js [--package http] --save   # copy the current build as A
 *   (change the package, npm run build)
 *   node benchmarks/dist/boot/compare-core.js [--package http] [--runs 9] [--modules 100] [--phases]
 *
 * --phases also compares ApplicationContext.create() alone, phase by phase (bench:boot's child;
 * `cpu` is the process's CPU time during create()); --phases-only compares only that.
 */
const root = resolve(__dirname, '..', '..', '..');
const pkg = process.argv.includes('--package') ? process.argv[process.argv.indexOf('--package') + 1] : 'core';
if (pkg !== 'core' && pkg !== 'http') throw new Error(`--package must be core or http, not ${pkg}`);
const dirVariable = pkg === 'core' ? 'TENON_CORE_DIR' : 'TENON_HTTP_DIR';
// Under node_modules so that the copy resolves the package's own dependencies as the original does.
const saved = join(root, 'node_modules', `.tenon-${pkg}-a`);
const alias = join(__dirname, 'core-alias.js');

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function save(): void {
  rmSync(saved, { recursive: true, force: true });
  mkdirSync(saved, { recursive: true });
  cpSync(join(root, 'packages', pkg, 'dist'), join(saved, 'dist'), { recursive: true });
  cpSync(join(root, 'packages', pkg, 'package.json'), join(saved, 'package.json'));
  console.log(`saved packages/${pkg}/dist as A in ${saved}`);
}

type Variant = { name: string; framework: 'tenon' | 'nest' | 'fastify'; dir: string };

async function compareBoot(runs: number, modules: number): Promise<void> {
  const variants: Variant[] = [
    { name: 'tenon A', framework: 'tenon', dir: saved },
    { name: 'tenon B', framework: 'tenon', dir: '' },
    { name: 'nest', framework: 'nest', dir: '' },
    { name: 'fastify', framework: 'fastify', dir: '' },
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
      process.env[dirVariable] = v.dir;
      try {
        samples.get(v.name)!.push(await bootOnce(v.framework, modules));
      } finally {
        if (nodeOptions === undefined) delete process.env.NODE_OPTIONS;
        else process.env.NODE_OPTIONS = nodeOptions;
        delete process.env[dirVariable];
      }
    }
  }
  const nest = samples.get('nest')!;
  const m = (list: BootSample[], k: keyof BootSample): number => median(list.map((s) => s[k]));
  // Before create(): loading the modules (the framework's and the app's) and building the graph.
  const before = (list: BootSample[]): number => median(list.map((s) => s.listenAt - s.bootMs));
  const load = loadavg().map((x) => x.toFixed(2));
  console.log(
    `| ${modules} modules, ${runs} runs | start → create() | create() | create → listening | start → listening | / Nest |`,
  );
  console.log('|---|---|---|---|---|---|');
  for (const v of variants) {
    const list = samples.get(v.name)!;
    const ratios = (['createMs', 'bootMs', 'listenAt'] as const)
      .map((k) => (m(list, k) / m(nest, k)).toFixed(2))
      .join(' / ');
    console.log(
      `| ${v.name} | ${before(list).toFixed(1)} | ${m(list, 'createMs').toFixed(1)} | ${m(list, 'bootMs').toFixed(1)} | ${m(list, 'listenAt').toFixed(1)} | ${ratios} |`,
    );
  }
  console.log(`load average at the end of the boots ${load.join(' ')}`);
}

function comparePhases(runs: number, modules: number): void {
  const keys = ['scan', 'link', 'instantiate', 'init', 'total', 'cpu'] as const;
  const results = { A: [] as Record<string, number>[], B: [] as Record<string, number>[] };
  for (let r = 0; r < runs; r++) {
    for (const [name, dir] of [
      ['A', saved],
      ['B', ''],
    ] as const) {
      const out = spawnSync(
        'taskset',
        ['-c', '0', process.execPath, '-r', alias, join(__dirname, 'boot.js'), '--child', String(modules)],
        { encoding: 'utf8', env: { ...process.env, [dirVariable]: dir } },
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
  const runs = option('--runs', 9);
  const modules = option('--modules', 100);
  if (!process.argv.includes('--phases-only')) await compareBoot(runs, modules);
  if (process.argv.includes('--phases') || process.argv.includes('--phases-only'))
    comparePhases(runs, modules);
}

void main();
