import type { Generator } from './load';

export type Mode = 'full' | 'quick' | 'smoke';

/** How long and how often each mode measures. */
export interface Settings {
  mode: Mode;
  rounds: number;
  seconds: number;
  /** Rounds of their own length for some scenarios (the database ones in the full run). */
  secondsByScenario: Record<string, number>;
  warmupSeconds: number;
  connections: number;
  /** The load generators; each round runs every app under each of them in turn. */
  generators: Generator[];
  /** The scenarios run, by id; database ones only when their group is on. */
  scenarios: string[];
  /** Run the reference rows (NestJS on Express). */
  references: boolean;
  /** RSS after boot and after 100,000 requests of the request-scoped chain. */
  memory: boolean;
  bootSizes: number[];
  bootRuns: number;
  /** Raw Fastify's boot is a floor for reference, left out of the quick run. */
  bootFloor: boolean;
}

const HTTP_SCENARIOS = ['hello', 'post-valid', 'post-invalid', 'chain', 'chain-request'];
const DB_SCENARIOS = ['db', 'queries', 'updates'].flatMap((s) => [`${s}-pglite`, `${s}-postgres`]);

/** How long one app is loaded in one round of a scenario. */
export function roundSeconds(settings: Settings, scenario: string): number {
  return settings.secondsByScenario[scenario] ?? settings.seconds;
}

export function settingsFor(mode: Mode): Settings {
  switch (mode) {
    case 'full':
      return {
        mode,
        // Five rounds of 3 s for the HTTP scenarios, 2 s for the database ones, under two load
        // generators each: about 18 minutes. Between runs minutes apart on an idle VM a ratio moved
        // by up to 0.13 with three rounds; the median of five is what a target is judged on.
        rounds: 5,
        seconds: 3,
        secondsByScenario: Object.fromEntries(DB_SCENARIOS.map((id) => [id, 2])),
        // Every scenario starts fresh processes: 2 s of load for the JIT before the counted rounds.
        warmupSeconds: 2,
        connections: 50,
        generators: ['wrk', 'autocannon'],
        scenarios: [...HTTP_SCENARIOS, ...DB_SCENARIOS],
        references: true,
        memory: true,
        bootSizes: [10, 100, 300],
        bootRuns: 7,
        bootFloor: true,
      };
    case 'quick':
      return {
        mode,
        rounds: 3,
        seconds: 3,
        secondsByScenario: {},
        warmupSeconds: 1,
        connections: 50,
        generators: ['wrk', 'autocannon'],
        scenarios: ['hello', 'post-valid', 'post-invalid'],
        references: false,
        memory: false,
        bootSizes: [100],
        bootRuns: 7,
        bootFloor: false,
      };
    case 'smoke':
      return {
        mode,
        rounds: 0,
        seconds: 0,
        secondsByScenario: {},
        warmupSeconds: 0,
        connections: 1,
        generators: [],
        scenarios: [...HTTP_SCENARIOS, ...DB_SCENARIOS],
        references: true,
        memory: false,
        bootSizes: [10],
        bootRuns: 1,
        bootFloor: true,
      };
  }
}
