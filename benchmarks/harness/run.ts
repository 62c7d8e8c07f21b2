import 'reflect-metadata';
import { loadavg } from 'node:os';
import { postgresUrl } from '../apps/shared/world';
import { runBoot, type BootResult } from './boot-bench';
import { seedPostgres } from './postgres-seed';
import { missFromRun, profileBootMiss, type MissProfile } from './profile-run';
import { renderRun, writeSection, RESULTS_FILE } from './report';
import { SCENARIOS, type ScenarioGroup } from './scenarios';
import { settingsFor, type Mode, type Settings } from './settings';
import { runSmoke } from './smoke';
import { summarize } from './summary';
import { runGroup, type GroupResult } from './throughput';
import { stopLoadGenerator } from './load';
import { log } from './log';

/*
 *   node benchmarks/dist/harness/run.js --mode full|quick|smoke
 *     [--only hello,chain] [--rounds N] [--seconds N] [--no-boot] [--no-write]
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
  if (option('--seconds')) settings.seconds = Number(option('--seconds'));
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

async function measure(settings: Settings): Promise<void> {
  const startedAt = new Date();
  const loadAtStart = loadavg()[0]!;
  const notes: string[] = [];
  const groups = await databaseGroups(settings, notes);
  const results: GroupResult[] = [];
  for (const group of groups) {
    const scenarios = SCENARIOS.filter((s) => s.group === group && settings.scenarios.includes(s.id));
    if (scenarios.length) results.push(await runGroup(group, scenarios, settings));
  }
  const summaries = results.flatMap((g) => g.scenarios.map(summarize));
  notes.push(...results.flatMap((g) => g.notes));
  let boot: BootResult | undefined;
  if (settings.bootSizes.length) {
    log(`boot: sizes ${settings.bootSizes.join(', ')}, ${settings.bootRuns} runs`);
    boot = await runBoot(settings.bootSizes, settings.bootRuns, settings.bootFloor);
  }
  const profiles: MissProfile[] = [];
  for (const group of results) {
    for (const result of group.scenarios) {
      const { misses } = summarize(result);
      if (misses.length === 0 || !result.apps.includes('tenon')) continue;
      // Against raw Fastify when that target is missed: it is the floor, so the difference is Tenon's own cost.
      const against = misses.some((m) => m.against === 'fastify') ? 'fastify' : 'nest';
      try {
        profiles.push(missFromRun(result, group, against));
      } catch (error) {
        notes.push(`No profile for ${result.scenario.title}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  }
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
    settings,
    startedAt,
    seconds: (Date.now() - startedAt.getTime()) / 1000,
    groups: results,
    summaries,
    ...(boot ? { boot } : {}),
    profiles,
    notes,
    loadAverage: [loadAtStart, loadavg()[0]!],
  });
  console.log(markdown);
  if (!process.argv.includes('--no-write')) {
    writeSection(`bench:${settings.mode}`, markdown);
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
    await measure(settings);
  } finally {
    stopLoadGenerator();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
