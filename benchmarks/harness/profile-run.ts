import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { APPS, type AppId } from './apps';
import { BOOT_SCRIPTS, type BootFramework } from './boot-bench';
import { analyzeProfile, type ProfileAnalysis, type Window } from './cpu-profile';
import { compareProfiles, type ProfileComparison, type Saturation } from './profile-compare';
import { median } from './stats';
import { ServerProcess } from './server-process';
import type { GroupResult, ScenarioResult } from './throughput';

// Under dist/: ignored by git and by prettier, like every other generated file.
export const PROFILE_DIR = join(__dirname, '..', 'profiles');

export interface ProfileReport {
  label: string;
  file: string;
  analysis: ProfileAnalysis;
  /** Requests answered in the profiled windows (1 for a boot). */
  units: number;
  requestsPerSecond: number;
}

/** A missed target: Tenon's profile, and the comparison with the peer it missed against. */
export interface MissProfile {
  title: string;
  tenon: ProfileReport;
  comparison?: ProfileComparison;
  saturation?: Saturation;
  /** Tenon's CPU per unit over the peer's that the target allows (1 / the req/s target; 0.3 for boot). */
  maxCostRatio: number;
  /** Tenon's CPU per request over the peer's in the counted rounds (1 / their per-CPU-second ratio). */
  countedCostRatio?: number;
  /**
   * Where the samples come from: a profiled pass of its own after the counted rounds, the counted
   * rounds themselves (`--profile-counted`), or whole processes (boot).
   */
  source: 'pass' | 'counted' | 'process';
}

/** Node flags writing a CPU profile named `name` into benchmarks/dist/profiles at exit (an old one is removed). */
export function cpuProfileFlags(name: string): { file: string; flags: string[] } {
  mkdirSync(PROFILE_DIR, { recursive: true });
  const file = join(PROFILE_DIR, name);
  rmSync(file, { force: true });
  return { file, flags: ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${name}`] };
}

function fromRun(result: ScenarioResult, group: Pick<GroupResult, 'profiles'>, app: AppId): ProfileReport {
  const file = group.profiles.get(app);
  if (file === undefined || !existsSync(file)) throw new Error(`${APPS[app].label} wrote no CPU profile`);
  const samples = result.samples.filter((s) => s.app === app);
  const windows: Window[] = samples.map((s) => ({ fromUs: s.load.startedUs, toUs: s.load.endedUs }));
  const units = samples.reduce((sum, s) => sum + s.load.total, 0);
  const seconds = samples.reduce((sum, s) => sum + (s.load.endedUs - s.load.startedUs) / 1e6, 0);
  return {
    label: APPS[app].label,
    file,
    analysis: analyzeProfile(file, windows),
    units,
    requestsPerSecond: units / seconds,
  };
}

/**
 * The profiles of a missed scenario: Tenon's and the peer's samples during that scenario's rounds
 * (of the profiled pass, or of the counted rounds with `--profile-counted`), compared per request.
 */
export function missFromRun(
  result: ScenarioResult,
  group: Pick<GroupResult, 'profiles'>,
  subject: AppId,
  against: AppId,
  maxCostRatio: number,
  source: 'pass' | 'counted',
  countedCostRatio?: number,
): MissProfile {
  const tenon = fromRun(result, group, subject);
  const peer = fromRun(result, group, against);
  const cpu = (app: AppId) => median(result.samples.filter((s) => s.app === app).map((s) => s.cpuPercent));
  return {
    title: result.scenario.title,
    tenon,
    saturation: { tenonCpu: cpu(subject), peerCpu: cpu(against) },
    maxCostRatio,
    countedCostRatio,
    source,
    comparison: compareProfiles(
      { analysis: tenon.analysis, units: tenon.units },
      { analysis: peer.analysis, units: peer.units, label: peer.label },
      { name: 'µs/request', msPerUnit: 0.001 },
    ),
  };
}

async function profileBootOnce(framework: BootFramework, modules: number): Promise<ProfileReport> {
  const { file, flags } = cpuProfileFlags(`boot-${framework}-${modules}.cpuprofile`);
  const server = await ServerProcess.start(BOOT_SCRIPTS[framework], ['--modules', String(modules)], {
    nodeFlags: flags,
  });
  await server.stop();
  return { label: framework, file, analysis: analyzeProfile(file), units: 1, requestsPerSecond: NaN };
}

/** A missed boot target: one whole boot of Tenon and of Nest, profiled and compared. */
export async function profileBootMiss(modules: number): Promise<MissProfile> {
  const tenon = await profileBootOnce('tenon', modules);
  const nest = await profileBootOnce('nest', modules);
  return {
    title: `Boot of ${modules} modules x 10 providers (whole process: loading, boot, listening, close)`,
    tenon,
    maxCostRatio: 0.3,
    source: 'process',
    comparison: compareProfiles(
      { analysis: tenon.analysis, units: 1 },
      { analysis: nest.analysis, units: 1, label: 'NestJS (Fastify)' },
      { name: 'ms', msPerUnit: 1 },
    ),
  };
}
