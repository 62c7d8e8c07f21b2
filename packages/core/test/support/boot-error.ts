import { ApplicationContext, TenonError, type ApplicationContextOptions } from '@tenon/core';

/** Boots `root` and returns the TenonError it fails with; fails the test when boot succeeds. */
export async function bootError(root: object, options?: ApplicationContextOptions): Promise<TenonError> {
  try {
    // Quiet: failures of shutdown hooks run after a failed start would otherwise print.
    await ApplicationContext.create(root as never, { logger: false, ...options });
  } catch (error) {
    if (error instanceof TenonError) return error;
    throw error;
  }
  throw new Error('boot succeeded');
}
