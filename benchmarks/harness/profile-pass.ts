import type { AppId } from './apps';
import type { Scenario, ScenarioGroup } from './scenarios';
import type { Settings } from './settings';
import { runScenario, startApps, type ScenarioResult } from './throughput';
import { log } from './log';

/** Rounds of the profiled pass: enough samples per request for the per-function table. */
const PASS_ROUNDS = 2;

/** What one profiled pass measured: its rounds (counted in no figure) and the profiles. */
export interface ProfilePass {
  result: ScenarioResult;
  profiles: Map<AppId, string>;
}

/**
 * Profiles a missed target apart from the counted rounds: Tenon and the peer it missed against
 * start again under `node --cpu-prof`, warm up, and take turns for a few rounds under the first
 * load generator of the run (wrk when it ran). Their figures serve only to cut the profiles to
 * the rounds and to divide CPU time by the requests answered; the counted rounds ran without
 * the profiler, like every app, so the sampler's cost is in no ratio.
 */
export async function profilePass(
  group: ScenarioGroup,
  scenario: Scenario,
  apps: readonly AppId[],
  settings: Settings,
): Promise<ProfilePass> {
  log(`profile: ${apps.join(', ')} on ${scenario.id}, ${PASS_ROUNDS} rounds under --cpu-prof (not counted)`);
  const profiles = new Map<AppId, string>();
  const { servers, failed } = await startApps([...apps], group, {
    files: profiles,
    prefix: `${settings.mode}-pass-${scenario.id}`,
  });
  try {
    const missing = apps.find((id) => !servers.has(id));
    if (missing !== undefined) throw new Error(`${missing} did not start: ${failed[missing] ?? 'unknown'}`);
    const generators = settings.generators.includes('wrk')
      ? ['wrk' as const]
      : settings.generators.slice(0, 1);
    const result = await runScenario(
      scenario,
      servers,
      { ...settings, rounds: PASS_ROUNDS, generators },
      new Set(),
    );
    return { result, profiles };
  } finally {
    // A server writes its profile when it exits.
    for (const server of servers.values()) await server.stop();
  }
}
