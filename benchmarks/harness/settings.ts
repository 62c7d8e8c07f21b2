export type Mode = 'full' | 'quick' | 'smoke';

/** How long and how often each mode measures. */
export interface Settings {
  mode: Mode;
  rounds: number;
  seconds: number;
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

export function settingsFor(mode: Mode): Settings {
  switch (mode) {
    case 'full':
      return {
        mode,
        rounds: 3,
        seconds: 10,
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
