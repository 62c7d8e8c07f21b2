import type { AppId } from './apps';
import type { Scenario } from './scenarios';
import { median } from './stats';
import type { ScenarioResult } from './throughput';

export interface AppSummary {
  app: AppId;
  requestsPerSecond: number;
  p99: number;
  cpuPercent: number;
  clientCpuPercent: number;
  perCpuSecond: number;
}

export interface RatioSummary {
  against: 'fastify' | 'nest';
  perRound: number[];
  median: number;
  /** The same ratio on requests per CPU-second of the server: steadier when other work shares the machine. */
  perCpuMedian: number;
  target?: number;
  met?: boolean;
}

export interface ScenarioSummary {
  scenario: Scenario;
  rows: AppSummary[];
  ratios: RatioSummary[];
  /** The comparisons where Tenon's median ratio is under its target. */
  misses: RatioSummary[];
}

/** Medians per app, and Tenon's ratio to each peer per round (same round, same conditions), then their median. */
export function summarize(result: ScenarioResult): ScenarioSummary {
  const rows = result.apps.map((app) => {
    const samples = result.samples.filter((s) => s.app === app);
    return {
      app,
      requestsPerSecond: median(samples.map((s) => s.load.requestsPerSecond)),
      p99: median(samples.map((s) => s.load.p99)),
      cpuPercent: median(samples.map((s) => s.cpuPercent)),
      clientCpuPercent: median(samples.map((s) => s.load.clientCpuPercent)),
      perCpuSecond: median(samples.map((s) => s.perCpuSecond)),
    };
  });
  const ratios: RatioSummary[] = [];
  for (const against of ['fastify', 'nest'] as const) {
    const perRound: number[] = [];
    const perCpu: number[] = [];
    const rounds = new Set(result.samples.map((s) => s.round));
    for (const round of rounds) {
      const tenon = result.samples.find((s) => s.round === round && s.app === 'tenon');
      const peer = result.samples.find((s) => s.round === round && s.app === against);
      if (!tenon || !peer || peer.load.requestsPerSecond <= 0) continue;
      perRound.push(tenon.load.requestsPerSecond / peer.load.requestsPerSecond);
      perCpu.push(tenon.perCpuSecond / peer.perCpuSecond);
    }
    if (perRound.length === 0) continue;
    const target = result.scenario.targets[against];
    const ratio: RatioSummary = { against, perRound, median: median(perRound), perCpuMedian: median(perCpu) };
    if (target !== undefined) {
      ratio.target = target;
      ratio.met = ratio.median >= target;
    }
    ratios.push(ratio);
  }
  return { scenario: result.scenario, rows, ratios, misses: ratios.filter((r) => r.met === false) };
}
