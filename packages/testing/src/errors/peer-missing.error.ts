import { TenonError } from '@tenon/core';
import { TestingErrorCode } from './errors';

/** A feature needs an optional peer package that cannot be loaded. */
export class PeerMissingError extends TenonError {
  constructor(feature: string, peer: string, cause: unknown) {
    super(
      TestingErrorCode.PEER_MISSING,
      `${feature} needs ${peer}, which cannot be loaded (${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}).\n` +
        `  Fix: npm install --save-dev ${peer}`,
      { cause },
    );
  }
}
