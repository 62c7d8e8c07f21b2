/**
 * The registry of every `@tenon/scheduling` error code. Each code has a row in `docs/errors.md`
 * (a test checks it) and a class beside this file that builds the message.
 */
export const SchedulingErrorCode = {
  // Boot: programmer mistakes found before a job runs.
  INVALID_CRON: 'TENON_SCHEDULING_INVALID_CRON',
  INVALID_TIME_ZONE: 'TENON_SCHEDULING_INVALID_TIME_ZONE',
  INVALID_INTERVAL: 'TENON_SCHEDULING_INVALID_INTERVAL',
  DUPLICATE_JOB_NAME: 'TENON_SCHEDULING_DUPLICATE_JOB_NAME',
  LOCK_BACKEND_MISSING: 'TENON_SCHEDULING_LOCK_BACKEND_MISSING',
  CLIENT_LIBRARY_MISSING: 'TENON_SCHEDULING_CLIENT_LIBRARY_MISSING',
  INVALID_PROCESSOR: 'TENON_SCHEDULING_INVALID_PROCESSOR',
  // Runtime.
  JOB_NOT_FOUND: 'TENON_SCHEDULING_JOB_NOT_FOUND',
  UNHANDLED_JOB: 'TENON_SCHEDULING_UNHANDLED_JOB',
} as const;

export type SchedulingErrorCode = (typeof SchedulingErrorCode)[keyof typeof SchedulingErrorCode];
