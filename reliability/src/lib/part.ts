import type { PartReporter } from './report';

/** One part of the suite: bounded by its own limit, reporting figures and violations. */
export interface Part {
  id: number;
  name: string;
  /** The limit of this part; going over it is a violation. */
  budgetMs: number;
  run(reporter: PartReporter, settings: Settings): Promise<void>;
}

export interface Settings {
  /** The seed of every generator (printed, so a failing run can be replayed). */
  seed: number;
  /** PostgreSQL server URL (TENON_TEST_POSTGRES_URL), when set. */
  postgresUrl?: string;
  /** Smaller sizes and durations, for working on the suite itself (not for figures). */
  quick: boolean;
}
