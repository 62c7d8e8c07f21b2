/** The default name of the database lock's table: one lease row per (job, tick). */
export const LEASE_TABLE = 'tenon_schedule_leases';

/** A lease row as stored: times are ISO-8601 strings, which sort like the instants they name. */
export type LeaseRow = {
  job: string;
  tick: string;
  holder: string;
  started_at: string;
  finished_at: string | null;
  outcome: string | null;
};
