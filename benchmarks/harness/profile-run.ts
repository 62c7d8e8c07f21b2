import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { APPS } from './apps';
import { analyzeProfile, type ProfileAnalysis } from './cpu-profile';
import { runLoad } from './load';
import type { Scenario } from './scenarios';
import { ServerProcess } from './server-process';
import type { Settings } from './settings';
import { groupArgs } from './throughput';

export const PROFILE_DIR = join(__dirname, '..', '..', 'profiles');

export interface ProfileReport {
  scenario: Scenario;
  file: string;
  analysis: ProfileAnalysis;
  requestsPerSecond: number;
}

/**
 * Starts the Tenon server with `--cpu-prof`, warms it up, loads it for `profileSeconds`, stops it
 * (the profile is written at exit) and keeps only the samples of the load window.
 */
export async function profileTenon(scenario: Scenario, settings: Settings): Promise<ProfileReport> {
  mkdirSync(PROFILE_DIR, { recursive: true });
  const name = `tenon-${scenario.id}.cpuprofile`;
  const file = join(PROFILE_DIR, name);
  rmSync(file, { force: true });
  const app = APPS.tenon;
  const server = await ServerProcess.start(app.script, [...app.args, ...groupArgs(scenario.group)], {
    nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${name}`],
  });
  const request = {
    url: `http://127.0.0.1:${server.port}${scenario.path}`,
    method: scenario.method,
    ...(scenario.body !== undefined ? { body: scenario.body } : {}),
    connections: settings.connections,
  };
  let requestsPerSecond = NaN;
  let window = { startedUs: 0, endedUs: 0 };
  try {
    await runLoad({ ...request, seconds: Math.max(1, settings.warmupSeconds) });
    const run = await runLoad({ ...request, seconds: settings.profileSeconds });
    requestsPerSecond = run.requestsPerSecond;
    window = run;
  } finally {
    await server.stop();
  }
  return {
    scenario,
    file,
    analysis: analyzeProfile(file, window.startedUs, window.endedUs),
    requestsPerSecond,
  };
}

/** For a missed boot target: the whole life of one boot of the 100-module app, profiled. */
export async function profileTenonBoot(
  script: string,
  modules: number,
): Promise<Omit<ProfileReport, 'scenario'>> {
  mkdirSync(PROFILE_DIR, { recursive: true });
  const name = `tenon-boot-${modules}.cpuprofile`;
  const file = join(PROFILE_DIR, name);
  rmSync(file, { force: true });
  const server = await ServerProcess.start(script, ['--modules', String(modules)], {
    nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${name}`],
  });
  await server.stop();
  return { file, analysis: analyzeProfile(file, 0, 0), requestsPerSecond: NaN };
}
