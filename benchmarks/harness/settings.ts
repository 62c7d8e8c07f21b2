export type Mode = 'full' | 'quick' | 'smoke';

/** How long and how often each mode measures. */
export interface Settings {
  mode: Mode;
  rounds: number;
  seconds: number;
  /**
   * Shorter rounds for the scenarios without an issue-7 target of their own (the invalid POST,
   * the updates) and for the database ones, so the whole set fits in 15 minutes: 11 scenarios x
   * 3 apps x 3 rounds x 10 s alone would be 16.5 minutes.
   */
  secondsByScenario: Record<string, number>;
  warmupSeconds: number;
  connections: number;
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
        rounds: 3,
        seconds: 10,
        secondsByScenario: Object.fromEntries(['post-invalid', ...DB_SCENARIOS].map((id) => [id, 5])),
        warmupSeconds: 1,
        connections: 50,
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
        scenarios: [...HTTP_SCENARIOS, ...DB_SCENARIOS],
        references: true,
        memory: false,
        bootSizes: [10],
        bootRuns: 1,
        bootFloor: true,
      };
  }
}
