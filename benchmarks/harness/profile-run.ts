import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { APPS, type AppId } from './apps';
import { BOOT_SCRIPTS, type BootFramework } from './boot-bench';
import { analyzeProfile, type ProfileAnalysis } from './cpu-profile';
import { compareProfiles, type ProfileComparison } from './profile-compare';
import { runLoad } from './load';
import type { Scenario } from './scenarios';
import { ServerProcess } from './server-process';
import type { Settings } from './settings';
import { groupArgs } from './throughput';

export const PROFILE_DIR = join(__dirname, '..', '..', 'profiles');

export interface ProfileReport {
  label: string;
  file: string;
  analysis: ProfileAnalysis;
  /** Requests answered in the profiled window (1 for a boot). */
  units: number;
  requestsPerSecond: number;
}

/** A missed target: Tenon's profile, and the comparison with the peer it missed against. */
export interface MissProfile {
  title: string;
  tenon: ProfileReport;
  comparison?: ProfileComparison;
}

function profileFile(name: string): { file: string; flags: string[] } {
  mkdirSync(PROFILE_DIR, { recursive: true });
  const file = join(PROFILE_DIR, name);
  rmSync(file, { force: true });
  return { file, flags: ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${name}`] };
}

/**
 * Starts the app with `--cpu-prof`, warms it up, loads it for `profileSeconds`, stops it (the
 * profile is written at exit) and keeps only the samples of the load window.
 */
export async function profileApp(id: AppId, scenario: Scenario, settings: Settings): Promise<ProfileReport> {
  const { file, flags } = profileFile(`${id}-${scenario.id}.cpuprofile`);
  const app = APPS[id];
  const server = await ServerProcess.start(app.script, [...app.args, ...groupArgs(scenario.group)], { nodeFlags: flags });
  const request = {
    url: `http://127.0.0.1:${server.port}${scenario.path}`,
    method: scenario.method,
    ...(scenario.body !== undefined ? { body: scenario.body } : {}),
    connections: settings.connections,
  };
  let run;
  try {
    await runLoad({ ...request, seconds: Math.max(1, settings.warmupSeconds) });
    run = await runLoad({ ...request, seconds: settings.profileSeconds });
  } finally {
    await server.stop();
  }
  return {
    label: app.label,
    file,
    analysis: analyzeProfile(file, run.startedUs, run.endedUs),
    units: run.total,
    requestsPerSecond: run.requestsPerSecond,
  };
}

/** Profiles Tenon on a missed scenario and the peer it missed against, and compares them per request. */
export async function profileMiss(scenario: Scenario, against: 'fastify' | 'nest', settings: Settings): Promise<MissProfile> {
  const tenon = await profileApp('tenon', scenario, settings);
  const peer = await profileApp(against, scenario, settings);
  return {
    title: scenario.title,
    tenon,
    comparison: compareProfiles(
      { analysis: tenon.analysis, units: tenon.units },
      { analysis: peer.analysis, units: peer.units, label: peer.label },
      { name: 'µs/request', msPerUnit: 0.001 },
    ),
  };
}

async function profileBootOnce(framework: BootFramework, modules: number): Promise<ProfileReport> {
  const { file, flags } = profileFile(`${framework}-boot-${modules}.cpuprofile`);
  const server = await ServerProcess.start(BOOT_SCRIPTS[framework], ['--modules', String(modules)], { nodeFlags: flags });
  await server.stop();
  return { label: framework, file, analysis: analyzeProfile(file, 0, 0), units: 1, requestsPerSecond: NaN };
}

/** A missed boot target: one whole boot of Tenon and of Nest, profiled and compared. */
export async function profileBootMiss(modules: number): Promise<MissProfile> {
  const tenon = await profileBootOnce('tenon', modules);
  const nest = await profileBootOnce('nest', modules);
  return {
    title: `Boot of ${modules} modules x 10 providers (whole process, boot to listening and close)`,
    tenon,
    comparison: compareProfiles(
      { analysis: tenon.analysis, units: 1 },
      { analysis: nest.analysis, units: 1, label: 'NestJS (Fastify)' },
      { name: 'ms', msPerUnit: 1 },
    ),
  };
}
