import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { AppId } from './apps';
import { postgresUrl } from '../apps/shared/world';
import { runBoot, type BootResult } from './boot-bench';
import { seedPostgres } from './postgres-seed';
import { PROFILE_DIR, missFromRun, profileBootMiss, type MissProfile } from './profile-run';
import { renderRun, writeSection, RESULTS_FILE } from './report';
import { SCENARIOS, type ScenarioGroup } from './scenarios';
import { settingsFor, type Mode, type Settings } from './settings';
import { runSmoke } from './smoke';
import { summarize } from './summary';
import { runGroup, type GroupResult, type ScenarioResult } from './throughput';
import { stopLoadGenerator } from './load';
import { log } from './log';

/*
 *   node benchmarks/dist/harness/run.js --mode full|quick|smoke
 *     [--only hello,chain] [--rounds N] [--seconds N] [--no-boot] [--no-write] [--report-only]
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
}

function savedRunFile(mode: Mode): string {
  return join(PROFILE_DIR, `last-${mode}-run.json`);
}

async function measure(settings: Settings): Promise<SavedRun> {
  const startedAt = new Date();
  const loadAtStart = loadavg()[0]!;
  const notes: string[] = [];
  const groups = await databaseGroups(settings, notes);
  const results: GroupResult[] = [];
  for (const group of groups) {
    const scenarios = SCENARIOS.filter((s) => s.group === group && settings.scenarios.includes(s.id));
    if (scenarios.length) results.push(await runGroup(group, scenarios, settings));
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
  };
  mkdirSync(PROFILE_DIR, { recursive: true });
  writeFileSync(savedRunFile(settings.mode), JSON.stringify(saved));
  return saved;
}

/** Summaries, the profiles of every missed target, and the markdown; written to RESULTS.md. */
async function report(saved: SavedRun): Promise<void> {
  const notes = [...saved.notes];
  const results: GroupResult[] = saved.groups.map((g) => ({
    ...g,
    profiles: new Map(g.profiles),
    scenarios: g.scenarios.map((r) => ({ ...r, scenario: SCENARIOS.find((s) => s.id === r.scenario)! })),
  }));
  const summaries = results.flatMap((g) => g.scenarios.map(summarize));
  notes.push(...results.flatMap((g) => g.notes));
  const profiles: MissProfile[] = [];
  for (const group of results) {
    for (const result of group.scenarios) {
      const { misses } = summarize(result);
      if (misses.length === 0 || !result.apps.includes('tenon')) continue;
      // Against raw Fastify when that target is missed: it is the floor, so the difference is Tenon's own cost.
      const miss = misses.find((m) => m.against === 'fastify') ?? misses[0]!;
      try {
        profiles.push(missFromRun(result, group, miss.against, 1 / miss.target!));
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
  });
  console.log(markdown);
  if (!process.argv.includes('--no-write')) {
    writeSection(`bench:${saved.settings.mode}`, markdown);
    log(`written to ${RESULTS_FILE}`);
  }
}

async function main(): Promise<void> {
  const settings = settingsFromArgs();
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
