/** Where the decorators of this package keep their metadata (read through DiscoveryService). */
export const SCHEDULED_JOB = Symbol.for('tenon:scheduling:job');
export const QUEUE_PROCESSOR = Symbol.for('tenon:scheduling:processor');
export const QUEUE_PROCESS = Symbol.for('tenon:scheduling:process');
