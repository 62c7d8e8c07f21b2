import type { AppId } from './apps';
import type { Generator } from './load';
import type { Scenario, Targets } from './scenarios';
import { median } from './stats';
import type { ScenarioResult } from './throughput';

export interface AppSummary {
  app: AppId;
  requestsPerSecond: number;
  p99: number;
  cpuPercent: number;
  clientCpuPercent: number;
  perCpuSecond: number;
  /** Rounds counted, of those run (a round whose load generator was over its CPU limit is not). */
  counted: number;
  rounds: number;
}

/** The comparisons of a scenario: Tenon against each peer, and Tenon's defaults against Fastify + helmet. */
export type Comparison = keyof Targets;

const PAIRS: Record<Comparison, { subject: AppId; peer: AppId }> = {
  fastify: { subject: 'tenon', peer: 'fastify' },
  nest: { subject: 'tenon', peer: 'nest' },
  defaults: { subject: 'tenon-defaults', peer: 'fastify-helmet' },
};

export interface RatioSummary {
  against: Comparison;
  subject: AppId;
  peer: AppId;
  perRound: number[];
  median: number;
  /** The same ratio on requests per CPU-second of the server: steadier when other work shares the machine. */
  perCpuMedian: number;
  target?: number;
  met?: boolean;
}

export interface ScenarioSummary {
  scenario: Scenario;
  generator: Generator;
  rows: AppSummary[];
  ratios: RatioSummary[];
  /** The comparisons where Tenon's median ratio is under its target. */
  misses: RatioSummary[];
}

/** The generators a result was measured with, in the order they ran. */
export function generatorsOf(result: ScenarioResult): Generator[] {
  return [...new Set(result.samples.map((s) => s.generator ?? 'autocannon'))];
}

/**
 * Medians per app, and each ratio per round (same round, same generator, same conditions), then
 * their median, for one load generator. Rounds whose generator was over its CPU limit are left out.
 */
export function summarize(result: ScenarioResult, generator: Generator): ScenarioSummary {
  const all = result.samples.filter((s) => (s.generator ?? 'autocannon') === generator);
  const samples = all.filter((s) => s.counted !== false);
  const rows = result.apps.map((app) => {
    const mine = samples.filter((s) => s.app === app);
    return {
      app,
      requestsPerSecond: median(mine.map((s) => s.load.requestsPerSecond)),
      p99: median(mine.map((s) => s.load.p99)),
      cpuPercent: median(mine.map((s) => s.cpuPercent)),
      clientCpuPercent: median(mine.map((s) => s.load.clientCpuPercent)),
      perCpuSecond: median(mine.map((s) => s.perCpuSecond)),
      counted: mine.length,
      rounds: all.filter((s) => s.app === app).length,
    };
  });
  const ratios: RatioSummary[] = [];
  for (const against of Object.keys(PAIRS) as Comparison[]) {
    const { subject, peer } = PAIRS[against];
    const perRound: number[] = [];
    const perCpu: number[] = [];
    const rounds = new Set(samples.map((s) => s.round));
    for (const round of rounds) {
      const mine = samples.find((s) => s.round === round && s.app === subject);
      const theirs = samples.find((s) => s.round === round && s.app === peer);
      if (!mine || !theirs || theirs.load.requestsPerSecond <= 0) continue;
      perRound.push(mine.load.requestsPerSecond / theirs.load.requestsPerSecond);
      perCpu.push(mine.perCpuSecond / theirs.perCpuSecond);
    }
    if (perRound.length === 0) continue;
    const target = result.scenario.targets[against];
    const ratio: RatioSummary = {
      against,
      subject,
      peer,
      perRound,
      median: median(perRound),
      perCpuMedian: median(perCpu),
    };
    if (target !== undefined) {
      ratio.target = target;
      ratio.met = ratio.median >= target;
    }
    ratios.push(ratio);
  }
  return {
    scenario: result.scenario,
    generator,
    rows,
    ratios,
    misses: ratios.filter((r) => r.met === false),
  };
}
