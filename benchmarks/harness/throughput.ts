import { existsSync } from 'node:fs';
import { APPS, type AppId } from './apps';
import { checkOnce } from './check';
import { MAX_GENERATOR_CPU, runLoad, unexpectedAnswers, type Generator, type LoadResult } from './load';
import {
  MEMORY_REQUESTS,
  MEMORY_SCENARIO_ID,
  SCENARIOS,
  type Scenario,
  type ScenarioGroup,
} from './scenarios';
import { ServerProcess } from './server-process';
import { cpuProfileFlags } from './profile-run';
import { roundSeconds, type Settings } from './settings';
import { log } from './log';

export interface RoundSample {
  app: AppId;
  round: number;
  generator: Generator;
  /**
   * False when the load generator used more than MAX_GENERATOR_CPU of its core: it may have been
   * the limit, so the round is shown but not counted.
   */
  counted: boolean;
  load: LoadResult;
  /** Share of one core the server used during the round (100 = the whole core). */
  cpuPercent: number;
  /** Requests answered per second of CPU the server used: its cost, whatever else ran on the core. */
  perCpuSecond: number;
}

export interface ScenarioResult {
  scenario: Scenario;
  apps: AppId[];
  samples: RoundSample[];
  /** Apps left out of this scenario, and why. */
  skipped: Partial<Record<AppId, string>>;
  /** Runs with answers of an unexpected status. */
  warnings: string[];
}

export interface MemoryResult {
  app: AppId;
  afterBoot: number;
  afterRequests: number;
  requests: number;
}

export interface GroupResult {
  group: ScenarioGroup;
  scenarios: ScenarioResult[];
  memory: MemoryResult[];
  /** Apps that could not start for this group, and why. */
  failed: Partial<Record<AppId, string>>;
  /** What the apps said about themselves at boot (e.g. a route without its fast path). */
  notes: string[];
  /** Warnings outside the scenarios (the memory runs). */
  warnings: string[];
  /**
   * The `.cpuprofile` each app wrote during the counted rounds, by app: only with
   * `--profile-counted` (counted rounds run without the profiler otherwise; see profile-pass.ts).
   */
  profiles: Map<AppId, string>;
}

const CORE_APPS: AppId[] = ['tenon', 'fastify', 'nest'];

export function groupArgs(group: ScenarioGroup): string[] {
  return group === 'http' ? ['--http'] : ['--db', group];
}

/** Starts every app of the group, one process each, all pinned to the server core. */
export async function startApps(
  apps: AppId[],
  group: ScenarioGroup,
  profiles?: { files: Map<AppId, string>; prefix: string },
): Promise<{ servers: Map<AppId, ServerProcess>; failed: Partial<Record<AppId, string>> }> {
  const servers = new Map<AppId, ServerProcess>();
  const failed: Partial<Record<AppId, string>> = {};
  // Booted side by side on every core (PGlite takes seconds to start), then each pinned to the server core.
  const started = await Promise.allSettled(
    apps.map(async (id) => {
      const app = APPS[id];
      if (!existsSync(app.script)) throw new Error(`${app.script} is not built`);
      let nodeFlags: string[] = [];
      if (profiles) {
        const profile = cpuProfileFlags(`${profiles.prefix}-${id}-${group}.cpuprofile`);
        nodeFlags = profile.flags;
        profiles.files.set(id, profile.file);
      }
      const server = await ServerProcess.start(app.script, [...app.args, ...groupArgs(group)], {
        nodeFlags,
        pinLater: true,
      });
      server.pin();
      return server;
    }),
  );
  started.forEach((outcome, i) => {
    const id = apps[i]!;
    if (outcome.status === 'fulfilled') servers.set(id, outcome.value);
    else failed[id] = (outcome.reason as Error).message.split('\n').slice(0, 6).join(' ');
  });
  return { servers, failed };
}

function load(
  port: number,
  scenario: Scenario,
  settings: Settings,
  extra: { seconds?: number; amount?: number },
  generator: Generator = 'autocannon',
) {
  return runLoad(
    {
      url: `http://127.0.0.1:${port}${scenario.path}`,
      method: scenario.method,
      ...(scenario.body !== undefined ? { body: scenario.body } : {}),
      connections: settings.connections,
      ...extra,
    },
    generator,
    scenario.status,
  );
}

/** The apps a scenario runs: the core three, its pairs, and its reference rows when asked for. */
export function scenarioApps(scenario: Scenario, settings: Settings): AppId[] {
  return [...CORE_APPS, ...scenario.references.filter((id) => settings.references || !APPS[id].reference)];
}

async function measureMemory(
  servers: Map<AppId, ServerProcess>,
  settings: Settings,
  warnings: string[],
): Promise<MemoryResult[]> {
  const scenario = SCENARIOS.find((s) => s.id === MEMORY_SCENARIO_ID)!;
  const results: MemoryResult[] = [];
  const afterBoot = new Map([...servers].map(([id, server]) => [id, server.rss()]));
  for (const [id, server] of servers) {
    if (!CORE_APPS.includes(id)) continue;
    log(`  memory: ${id} serves ${MEMORY_REQUESTS.toLocaleString('en-US')} requests of ${scenario.path}`);
    const result = await load(server.port, scenario, settings, { amount: MEMORY_REQUESTS });
    const bad = unexpectedAnswers(result, scenario.status);
    if (bad) warnings.push(`memory run of ${APPS[id].label}: ${bad}`);
    results.push({
      app: id,
      afterBoot: afterBoot.get(id)!,
      afterRequests: server.rss(),
      requests: result.total,
    });
  }
  return results;
}

export async function runScenario(
  scenario: Scenario,
  servers: Map<AppId, ServerProcess>,
  settings: Settings,
  warmed: ReadonlySet<string>,
): Promise<ScenarioResult> {
  const wanted = scenarioApps(scenario, settings);
  const result: ScenarioResult = { scenario, apps: [], samples: [], skipped: {}, warnings: [] };
  for (const id of wanted) {
    const server = servers.get(id);
    if (!server) continue;
    const wrong = await checkOnce(server.port, scenario);
    if (wrong === undefined) result.apps.push(id);
    else result.skipped[id] = `wrong answer: ${wrong}`;
  }
  for (const id of result.apps) {
    if (warmed.has(`${id}:${scenario.id}`)) continue;
    await load(servers.get(id)!.port, scenario, settings, { seconds: settings.warmupSeconds });
  }
  // Rounds, then generators, then apps, the order turned around every round for each generator:
  // A, B, C under wrk and C, B, A under autocannon in round 1, C, B, A under wrk and A, B, C under
  // autocannon in round 2... The machine drifts (neighbours on the host come and go): a fixed
  // order would hand the same app the same slot every round, while turning it around gives every
  // app the early and the late slot alike under each generator (turning it per pass instead would
  // keep one generator's order fixed, as two passes make a round), and keeps Tenon next to raw
  // Fastify, the pair the targets compare.
  for (let round = 1; round <= settings.rounds; round++) {
    for (const [g, generator] of settings.generators.entries()) {
      const order = (round + g) % 2 === 1 ? result.apps : [...result.apps].reverse();
      for (const id of order) {
        const server = servers.get(id)!;
        const before = server.cpuTicks();
        const run = await load(
          server.port,
          scenario,
          settings,
          { seconds: roundSeconds(settings, scenario.id) },
          generator,
        );
        const seconds = (run.endedUs - run.startedUs) / 1e6;
        const cpuSeconds = (server.cpuTicks() - before) / 100;
        const cpuPercent = (cpuSeconds / seconds) * 100;
        const counted = run.clientCpuPercent <= MAX_GENERATOR_CPU;
        result.samples.push({
          app: id,
          round,
          generator,
          counted,
          load: run,
          cpuPercent,
          perCpuSecond: run.total / cpuSeconds,
        });
        const bad = unexpectedAnswers(run, scenario.status);
        if (bad) result.warnings.push(`${APPS[id].label}, ${generator}, round ${round}: ${bad}`);
        if (!counted)
          result.warnings.push(
            `${APPS[id].label}, ${generator}, round ${round}: not counted, the load generator used ` +
              `${Math.round(run.clientCpuPercent)}% of its core (over ${MAX_GENERATOR_CPU}%)`,
          );
        log(
          `  ${scenario.id} round ${round} ${generator} ${id}: ${Math.round(run.requestsPerSecond)} req/s, ` +
            `p99 ${run.p99} ms, server CPU ${Math.round(cpuPercent)}%, ${generator} CPU ${Math.round(run.clientCpuPercent)}%`,
        );
      }
    }
  }
  return result;
}

/** Stops every server, whatever happened. */
async function stopAll(servers: Map<AppId, ServerProcess>): Promise<void> {
  for (const server of servers.values()) await server.stop();
}

/**
 * One group of scenarios. Each scenario, and the memory scenario before them, gets fresh server
 * processes: warm-up, then rounds in which the apps take turns (A, B, C, C, B, A...), so that
 * noise from the shared machine falls on all of them alike. Fresh processes keep one scenario's
 * state out of the next one's figures: its JIT feedback and heap, and on Node 20 the async_hooks
 * that AsyncLocalStorage switches on for the rest of a process once a request scope was entered
 * (the memory scenario's 100,000 request-scoped requests would otherwise put them on every later
 * Tenon figure, and on no peer's). With `--profile-counted` the servers of a group stay up for
 * all its scenarios, one profile per app.
 */
export async function runGroup(
  group: ScenarioGroup,
  scenarios: Scenario[],
  settings: Settings,
  options: { profileCounted?: boolean } = {},
): Promise<GroupResult> {
  const failed: Partial<Record<AppId, string>> = {};
  const notes = new Set<string>();
  const warnings: string[] = [];
  // Counted rounds run every server with the same flags and no profiler, as an outside harness
  // would: the sampler's cost is not the same share of every app's request. Profiles of a missed
  // target come from a pass of their own (profile-pass.ts), or with --profile-counted from these
  // rounds (all apps under --cpu-prof, the harness's former method).
  const profiles = new Map<AppId, string>();
  const start = async (apps: AppId[], what: string): Promise<Map<AppId, ServerProcess>> => {
    log(`${group}, ${what}: starting ${apps.join(', ')}`);
    const started = await startApps(
      apps,
      group,
      options.profileCounted ? { files: profiles, prefix: settings.mode } : undefined,
    );
    for (const [id, reason] of Object.entries(started.failed)) {
      log(`  ${id} did not start: ${reason}`);
      failed[id as AppId] ??= reason;
    }
    for (const server of started.servers.values())
      for (const note of server.ready.notes ?? []) notes.add(note);
    return started.servers;
  };
  const everyApp = [...CORE_APPS];
  for (const s of scenarios)
    for (const r of scenarioApps(s, settings)) if (!everyApp.includes(r)) everyApp.push(r);
  const shared = options.profileCounted ? await start(everyApp, 'all scenarios') : undefined;
  try {
    let memory: MemoryResult[] = [];
    if (settings.memory && group === 'http') {
      const servers = shared ?? (await start(CORE_APPS, 'memory'));
      try {
        memory = await measureMemory(servers, settings, warnings);
      } finally {
        if (!shared) await stopAll(servers);
      }
    }
    // On shared servers, the 100,000 requests of the memory scenario already warmed them up on that route.
    const warmed = new Set(shared ? memory.map((m) => `${m.app}:${MEMORY_SCENARIO_ID}`) : []);
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      const servers = shared ?? (await start(scenarioApps(scenario, settings), scenario.id));
      try {
        const result = await runScenario(scenario, servers, settings, warmed);
        for (const id of scenarioApps(scenario, settings))
          if (!servers.has(id) && failed[id] !== undefined)
            result.skipped[id] ??= `did not start: ${failed[id]}`;
        results.push(result);
      } finally {
        if (!shared) await stopAll(servers);
      }
    }
    return { group, scenarios: results, memory, failed, notes: [...notes], warnings, profiles };
  } finally {
    if (shared) await stopAll(shared);
  }
}
