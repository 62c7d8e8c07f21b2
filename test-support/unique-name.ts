import { randomBytes } from 'node:crypto';

/**
 * `<base>_<pid>_<random>`: a database, stream, subject, queue or key prefix no other run on the
 * machine uses, even two runs of the same suite at once (a pid alone is not enough: a name made
 * of it outlives the process when a run dies before its clean-up, and pids are reused).
 * Lower case letters, digits and `_` only, so it is a plain SQL identifier and a NATS token.
 *
 * @example
 * const prefix = uniqueName('tenon_test_faults'); // tenon_test_faults_4242_9f1c2a7b
 */
export function uniqueName(base: string): string {
  return `${base}_${process.pid}_${randomBytes(4).toString('hex')}`;
}
