import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { AppId } from './apps';
import { postgresUrl } from '../apps/shared/world';
import { runBoot, type BootResult } from './boot-bench';
import { seedPostgres } from './postgres-seed';
import { PROFILE_DIR, missFromRun, profileBootMiss, type MissProfile } from './profile-run';
import { profilePass } from './profile-pass';
import { renderRun, writeSection, RESULTS_FILE } from './report';
import { SCENARIOS, type ScenarioGroup } from './scenarios';
import { settingsFor, type Mode, type Settings } from './settings';
import { runSmoke } from './smoke';
import { generatorsOf, summarize, type RatioSummary, type ScenarioSummary } from './summary';
import { runGroup, type GroupResult, type ScenarioResult } from './throughput';
import { stopLoadGenerator, type Generator } from './load';
import { serverNodeVersionString, useServerNode } from './server-process';
import { ensureWrk } from './wrk';
import { renderNodes } from './report-nodes';
import { log } from './log';

/*
 *   node benchmarks/dist/harness/run.js --mode full|quick|smoke
 *     [--only hello,chain] [--rounds N] [--seconds N] [--no-boot] [--no-write] [--report-only]
 *     [--node /path/to/node] [--generators wrk,autocannon] [--no-profile] [--profile-counted]
 *
 * Counted rounds run without the profiler. A missed target gets a profiled pass of its own
 * afterwards (--no-profile: none); --profile-counted runs every server under --cpu-prof in the
 * counted rounds instead and cuts the profiles from them.
 */
function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function settingsFromArgs(): Settings {
  const mode = (option('--mode') ?? 'full') as Mode;
  if (!['full', 'quick', 'smoke'].includes(mode))
    throw new Error(`--mode must be full, quick or smoke, not ${mode}`);
  const settings = settingsFor(mode);
  const only = option('--only');
  if (only)
    settings.scenarios = settings.scenarios.filter((id) =>
      only.split(',').some((o) => id === o || id.startsWith(`${o}-`)),
    );
  if (option('--rounds')) settings.rounds = Number(option('--rounds'));
  if (option('--seconds')) {
    settings.seconds = Number(option('--seconds'));
    settings.secondsByScenario = {};
  }
  if (process.argv.includes('--no-boot')) settings.bootSizes = [];
  const generators = option('--generators');
  if (generators) {
    settings.generators = generators.split(',') as Generator[];
    const unknown = settings.generators.filter((g) => g !== 'wrk' && g !== 'autocannon');
    if (unknown.length) throw new Error(`--generators takes wrk and autocannon, not ${unknown.join(', ')}`);
  }
  return settings;
}

async function databaseGroups(settings: Settings, notes: string[]): Promise<ScenarioGroup[]> {
  const groups: ScenarioGroup[] = ['http', 'pglite'];
  const url = postgresUrl();
  const wantsPostgres = settings.scenarios.some((id) => id.endsWith('-postgres'));
  if (!wantsPostgres) return groups;
  if (url === undefined) {
    notes.push('PostgreSQL scenarios not run: TENON_TEST_POSTGRES_URL is not set.');
    return groups;
  }
  try {
    await seedPostgres(url);
    groups.push('postgres');
  } catch (error) {
    notes.push(`PostgreSQL scenarios not run: ${(error as Error).message}`);
  }
  return groups;
}

/** Everything a run measured, saved so that the report can be written again without measuring. */
interface SavedRun {
  settings: Settings;
  startedAt: string;
  seconds: number;
  loadAverage: [number, number];
  notes: string[];
  groups: (Omit<GroupResult, 'profiles' | 'scenarios'> & {
    profiles: [AppId, string][];
    scenarios: (Omit<ScenarioResult, 'scenario'> & { scenario: string })[];
  })[];
  boot?: BootResult;
  /** The Node version the servers ran on. */
  node?: string;
  /** The profiled passes of missed targets, by scenario id (not counted in any figure). */
  passes?: {
    scenario: string;
    profiles: [AppId, string][];
    result: Omit<ScenarioResult, 'scenario'> & { scenario: string };
  }[];
}

/** The target a profile explains: against raw Fastify when missed (the floor), else the first miss. */
function missToProfile(result: ScenarioResult): RatioSummary | undefined {
  // Targets are judged on wrk's rounds (issue 17), on autocannon's when wrk did not run.
  const generator = generatorsOf(result).includes('wrk') ? 'wrk' : generatorsOf(result)[0];
  if (generator === undefined || !result.apps.includes('tenon')) return undefined;
  const { misses } = summarize(result, generator);
  return misses.find((m) => m.against === 'fastify') ?? misses[0];
}

/** The major version of the Node the servers run on: `20`, `24`... */
function nodeMajor(): string {
  return serverNodeVersionString().replace(/^v/, '').split('.')[0]!;
}

/** Node 20 writes `bench:<mode>`, other versions `bench:<mode>-node<major>`. */
function sectionName(mode: Mode): string {
  return nodeMajor() === '20' ? `bench:${mode}` : `bench:${mode}-node${nodeMajor()}`;
}

function savedRunFile(mode: Mode, major = nodeMajor()): string {
  return join(PROFILE_DIR, `last-${mode}-node${major}-run.json`);
}

/** The saved runs of a mode, by Node major version, for the side-by-side table. */
function savedRuns(
  mode: Mode,
): { major: string; summaries: ScenarioSummary[]; boot?: BootResult; startedAt: string }[] {
  const runs = [];
  for (const major of ['20', '22', '24', '26']) {
    const file = savedRunFile(mode, major);
    if (!existsSync(file)) continue;
    const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedRun;
    runs.push({
      major,
      summaries: summariesOf(saved),
      ...(saved.boot ? { boot: saved.boot } : {}),
      startedAt: saved.startedAt,
    });
  }
  return runs;
}

function resultsOf(saved: SavedRun): GroupResult[] {
  return saved.groups.map((g) => ({
    ...g,
    profiles: new Map(g.profiles),
    scenarios: g.scenarios.map((r) => ({ ...r, scenario: SCENARIOS.find((s) => s.id === r.scenario)! })),
  }));
}

function summariesOf(saved: SavedRun): ScenarioSummary[] {
  return resultsOf(saved).flatMap((g) =>
    g.scenarios.flatMap((r) => generatorsOf(r).map((generator) => summarize(r, generator))),
  );
}

async function measure(settings: Settings): Promise<SavedRun> {
  const startedAt = new Date();
  const loadAtStart = loadavg()[0]!;
  const notes: string[] = [];
  const groups = await databaseGroups(settings, notes);
  const results: GroupResult[] = [];
  const profileCounted = process.argv.includes('--profile-counted');
  const passes: NonNullable<SavedRun['passes']> = [];
  for (const group of groups) {
    const scenarios = SCENARIOS.filter((s) => s.group === group && settings.scenarios.includes(s.id));
    if (!scenarios.length) continue;
    const result = await runGroup(group, scenarios, settings, { profileCounted });
    results.push(result);
    if (profileCounted || process.argv.includes('--no-profile')) continue;
    for (const scenario of result.scenarios) {
      const miss = missToProfile(scenario);
      if (!miss) continue;
      try {
        const pass = await profilePass(group, scenario.scenario, [miss.subject, miss.peer], settings);
        passes.push({
          scenario: scenario.scenario.id,
          profiles: [...pass.profiles],
          result: { ...pass.result, scenario: scenario.scenario.id },
        });
      } catch (error) {
        notes.push(`No profile for ${scenario.scenario.title}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  }
  let boot: BootResult | undefined;
  if (settings.bootSizes.length) {
    log(`boot: sizes ${settings.bootSizes.join(', ')}, ${settings.bootRuns} runs`);
    boot = await runBoot(settings.bootSizes, settings.bootRuns, settings.bootFloor);
  }
  const saved: SavedRun = {
    settings,
    startedAt: startedAt.toISOString(),
    seconds: (Date.now() - startedAt.getTime()) / 1000,
    loadAverage: [loadAtStart, loadavg()[0]!],
    notes,
    groups: results.map((g) => ({
      ...g,
      profiles: [...g.profiles],
      scenarios: g.scenarios.map((r) => ({ ...r, scenario: r.scenario.id })),
    })),
    ...(boot ? { boot } : {}),
    node: serverNodeVersionString(),
    passes,
  };
  mkdirSync(PROFILE_DIR, { recursive: true });
  writeFileSync(savedRunFile(settings.mode), JSON.stringify(saved));
  return saved;
}

/** Summaries, the profiles of every missed target, and the markdown; written to RESULTS.md. */
async function report(saved: SavedRun): Promise<void> {
  const notes = [...saved.notes];
  const results = resultsOf(saved);
  const summaries = summariesOf(saved);
  notes.push(...[...new Set(results.flatMap((g) => g.notes))]);
  const profiles: MissProfile[] = [];
  for (const group of results) {
    for (const result of group.scenarios) {
      const miss = missToProfile(result);
      if (!miss) continue;
      const pass = saved.passes?.find((p) => p.scenario === result.scenario.id);
      try {
        if (pass) {
          const passResult = { ...pass.result, scenario: result.scenario };
          const profiled = { profiles: new Map(pass.profiles) };
          profiles.push(
            missFromRun(
              passResult,
              profiled,
              miss.subject,
              miss.peer,
              1 / miss.target!,
              'pass',
              1 / miss.perCpuMedian,
            ),
          );
        } else if (group.profiles.size > 0) {
          profiles.push(missFromRun(result, group, miss.subject, miss.peer, 1 / miss.target!, 'counted'));
        }
      } catch (error) {
        notes.push(`No profile for ${result.scenario.title}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  }
  const boot = saved.boot;
  const tenonBoot = boot?.rows.find((r) => r.framework === 'tenon' && r.modules === 100);
  const nestBoot = boot?.rows.find((r) => r.framework === 'nest' && r.modules === 100);
  if (
    tenonBoot &&
    nestBoot &&
    (tenonBoot.listenAt / nestBoot.listenAt > 0.3 || tenonBoot.bootMs / nestBoot.bootMs > 0.3)
  ) {
    log('profile: Tenon and Nest boots of 100 modules');
    try {
      profiles.push(await profileBootMiss(100));
    } catch (error) {
      notes.push(`No boot profile: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  const markdown = renderRun({
    settings: saved.settings,
    startedAt: new Date(saved.startedAt),
    seconds: saved.seconds,
    groups: results,
    summaries,
    ...(boot ? { boot } : {}),
    profiles,
    notes,
    loadAverage: saved.loadAverage,
    node: saved.node ?? serverNodeVersionString(),
  });
  console.log(markdown);
  if (!process.argv.includes('--no-write')) {
    writeSection(sectionName(saved.settings.mode), markdown);
    writeSection(
      `bench:${saved.settings.mode}-nodes`,
      renderNodes(saved.settings.mode, savedRuns(saved.settings.mode)),
    );
    log(`written to ${RESULTS_FILE}`);
  }
}

async function main(): Promise<void> {
  const node = option('--node');
  if (node !== undefined) useServerNode(node);
  const settings = settingsFromArgs();
  if (settings.generators.includes('wrk') && !process.argv.includes('--report-only')) ensureWrk();
  if (settings.mode === 'smoke') {
    const groups: ScenarioGroup[] = ['http', 'pglite'];
    const url = postgresUrl();
    if (url !== undefined) {
      await seedPostgres(url);
      groups.push('postgres');
    }
    try {
      process.exitCode = (await runSmoke(groups)) ? 0 : 1;
    } finally {
      stopLoadGenerator();
    }
    return;
  }
  try {
    // --report-only: write the report of the last run of this mode again (after changing the report code).
    const saved = process.argv.includes('--report-only')
      ? (JSON.parse(readFileSync(savedRunFile(settings.mode), 'utf8')) as SavedRun)
      : await measure(settings);
    await report(saved);
  } finally {
    stopLoadGenerator();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
