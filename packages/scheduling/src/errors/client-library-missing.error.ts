import { TenonError } from '@tenon/core';
import { SchedulingErrorCode } from './errors';

/** An optional peer dependency (`ioredis` for `redisLock()`, `bullmq` for queues) is not installed. */
export class ClientLibraryMissingError extends TenonError {
  constructor(feature: string, packages: readonly string[], cause: unknown) {
    super(
      SchedulingErrorCode.CLIENT_LIBRARY_MISSING,
      `${feature} needs ${packages.join(' and ')}, which could not be loaded.\n` +
        `  Cause: the Redis and queue client libraries are optional peer dependencies of @tenon/scheduling.\n` +
        `  Fix: npm install ${packages.join(' ')}`,
      { cause },
    );
  }
}
