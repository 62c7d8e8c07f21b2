import { join } from 'node:path';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PROVIDERS_PER_MODULE } from '../boot/apps/boot-args';
import { ServerProcess } from './server-process';
import { median } from './stats';
import { log } from './log';

/**
 * What is booted. `tenon` is Tenon as it ships: importing @tenon/core turns its code cache on
 * (and Node's module compile cache), so from the second start @tenon/core, Fastify and the rest
 * are read back compiled, the functions the start ran included. Two variants show what that is
 * worth, measured at the target's size only:
 * - `tenon-cold`: every start with an empty cache (a first start after a deploy);
 * - `nest-cache`: NestJS with `NODE_COMPILE_CACHE` set, Node's same cache, like for like.
 */
export type BootFramework = 'tenon' | 'nest' | 'fastify' | 'tenon-cold' | 'nest-cache';

export const BOOT_FRAMEWORKS: BootFramework[] = ['tenon', 'nest', 'fastify', 'tenon-cold', 'nest-cache'];

/** Measured once, at the size the target is set for (100 modules). */
const AT_TARGET_SIZE_ONLY: readonly BootFramework[] = ['fastify', 'tenon-cold', 'nest-cache'];

const TENON_BOOT = join(__dirname, '..', 'boot', 'apps', 'tenon-boot.js');
const NEST_BOOT = join(__dirname, '..', 'boot', 'apps', 'nest-boot.js');

export const BOOT_SCRIPTS: Record<BootFramework, string> = {
  tenon: TENON_BOOT,
  nest: NEST_BOOT,
  fastify: join(__dirname, '..', 'boot', 'apps', 'fastify-boot.js'),
  'tenon-cold': TENON_BOOT,
  'nest-cache': NEST_BOOT,
};

// Every boot gets a temporary directory of this run's (TMPDIR): Tenon's caches, kept under it,
// then start empty with each run and belong to one variant.
let cacheRoot: string | undefined;

function removeCacheRoot(): void {
  if (cacheRoot) rmSync(cacheRoot, { recursive: true, force: true });
  cacheRoot = undefined;
}

/** The environment a boot of `framework` starts with, and what to remove after it. */
function bootEnvironment(framework: BootFramework): { env: NodeJS.ProcessEnv; cleanup?: string } {
  if (!cacheRoot) {
    cacheRoot = mkdtempSync(join(tmpdir(), 'tenon-boot-cache-'));
    // bootOnce alone (the smoke check) leaves it to the end of the process.
    process.once('exit', removeCacheRoot);
  }
  if (framework === 'tenon-cold') {
    const fresh = mkdtempSync(join(cacheRoot, 'cold-'));
    return { env: { TMPDIR: fresh }, cleanup: fresh };
  }
  const dir = join(cacheRoot, framework);
  mkdirSync(dir, { recursive: true });
  return framework === 'nest-cache'
    ? { env: { TMPDIR: dir, NODE_COMPILE_CACHE: join(dir, 'node-compile-cache') } }
    : { env: { TMPDIR: dir } };
}

export interface BootSample {
  /** create() alone, ms. */
  createMs: number;
  /** From the start of create() to listening, ms: the framework's whole boot. */
  bootMs: number;
  /** From process start to listening, ms: what a user waits for. */
  listenAt: number;
  /** Resident set size once listening. */
  rss: number;
  /** CPU time (user + system) of the process from its start to listening, ms. */
  cpuMs: number;
}

export interface BootRow {
  framework: BootFramework;
  modules: number;
  providers: number;
  samples: BootSample[];
  createMs: number;
  bootMs: number;
  listenAt: number;
  rss: number;
}

export interface BootResult {
  rows: BootRow[];
  runs: number;
  skipped: Partial<Record<BootFramework, string>>;
}

/**
 * The compile cache's two comparisons at one size, process start → listening: Tenon's first
 * start (empty cache) / Nest, and Tenon / Nest with the cache too. Undefined where a side did not run.
 */
export function compileCacheRatios(
  rows: readonly BootRow[],
  modules: number,
): { firstStart?: number; bothCached?: number } {
  const at = (framework: BootFramework) =>
    rows.find((r) => r.framework === framework && r.modules === modules);
  const tenon = at('tenon');
  const nest = at('nest');
  const cold = at('tenon-cold');
  const nestCached = at('nest-cache');
  return {
    ...(cold && nest ? { firstStart: cold.listenAt / nest.listenAt } : {}),
    ...(tenon && nestCached ? { bothCached: tenon.listenAt / nestCached.listenAt } : {}),
  };
}

/** Boots one generated app in a fresh pinned process, checks its last route answers, and stops it. */
export async function bootOnce(framework: BootFramework, modules: number): Promise<BootSample> {
  if (!existsSync(BOOT_SCRIPTS[framework])) throw new Error(`${BOOT_SCRIPTS[framework]} is not built`);
  const { env, cleanup } = bootEnvironment(framework);
  const server = await ServerProcess.start(BOOT_SCRIPTS[framework], ['--modules', String(modules)], { env });
  try {
    const answer = await fetch(`http://127.0.0.1:${server.port}/m${modules - 1}`);
    const body = await answer.text();
    if (answer.status !== 200 || JSON.parse(body).module !== modules - 1) {
      throw new Error(`${framework} boot app answered GET /m${modules - 1} with ${answer.status} ${body}`);
    }
    const { createMs, createdAt, listenAt, cpuMs } = server.ready;
    return {
      createMs,
      bootMs: listenAt - createdAt + createMs,
      listenAt,
      rss: server.rss(),
      cpuMs: cpuMs ?? NaN,
    };
  } finally {
    await server.stop();
    if (cleanup) rmSync(cleanup, { recursive: true, force: true });
  }
}

/**
 * Scenario 5: each measurement is a fresh process, pinned like the servers; frameworks and sizes
 * alternate (Tenon, Nest, Fastify at 10 modules, then at 100...) and each cell is a median.
 */
export async function runBoot(sizes: number[], runs: number, floor = true): Promise<BootResult> {
  const frameworks = BOOT_FRAMEWORKS.filter((f) => existsSync(BOOT_SCRIPTS[f]) && (floor || f !== 'fastify'));
  const skipped: Partial<Record<BootFramework, string>> = {};
  if (!frameworks.includes('tenon')) skipped.tenon = `${BOOT_SCRIPTS.tenon} is not built`;
  const samples = new Map<string, BootSample[]>();
  // Not counted: fills the compile caches of the variants that keep one, so that every counted
  // start of theirs is a second start, as in production after the first.
  for (const framework of frameworks.filter((f) => f === 'tenon' || f === 'nest-cache')) {
    await bootOnce(framework, sizes.includes(100) ? 100 : sizes[0]!).catch(() => undefined);
  }
  for (let run = 1; run <= runs; run++) {
    for (const modules of sizes) {
      for (const framework of frameworks) {
        if (skipped[framework]) continue;
        // The no-DI floor and the cache variants need measuring once, at the target's size.
        if (AT_TARGET_SIZE_ONLY.includes(framework) && sizes.includes(100) && modules !== 100) continue;
        try {
          const sample = await bootOnce(framework, modules);
          const key = `${framework}:${modules}`;
          samples.set(key, [...(samples.get(key) ?? []), sample]);
          log(
            `  boot run ${run} ${framework} ${modules} modules: listening ${sample.listenAt.toFixed(0)} ms after start`,
          );
        } catch (error) {
          skipped[framework] = (error as Error).message.split('\n').slice(0, 4).join(' ');
          log(`  boot ${framework} failed: ${skipped[framework]}`);
        }
      }
    }
  }
  const rows: BootRow[] = [];
  for (const modules of sizes) {
    for (const framework of frameworks) {
      const list = samples.get(`${framework}:${modules}`);
      if (!list) continue;
      rows.push({
        framework,
        modules,
        providers: modules * PROVIDERS_PER_MODULE,
        samples: list,
        createMs: median(list.map((s) => s.createMs)),
        bootMs: median(list.map((s) => s.bootMs)),
        listenAt: median(list.map((s) => s.listenAt)),
        rss: median(list.map((s) => s.rss)),
      });
    }
  }
  removeCacheRoot();
  return { rows, runs, skipped };
}
