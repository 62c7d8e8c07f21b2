/**
 * The registry of every `@tenon/testing` error code. Each code has a row in `docs/errors.md`
 * (a test checks it) and a class beside this file that builds the message.
 */
export const TestingErrorCode = {
  OVERRIDE_NOT_PROVIDED: 'TENON_TESTING_OVERRIDE_NOT_PROVIDED',
  MODULE_NOT_IMPORTED: 'TENON_TESTING_MODULE_NOT_IMPORTED',
  OVERRIDE_INCOMPLETE: 'TENON_TESTING_OVERRIDE_INCOMPLETE',
  INVALID_OVERRIDE: 'TENON_TESTING_INVALID_OVERRIDE',
  ALREADY_COMPILED: 'TENON_TESTING_ALREADY_COMPILED',
  MODULE_CLOSED: 'TENON_TESTING_MODULE_CLOSED',
  PEER_MISSING: 'TENON_TESTING_PEER_MISSING',
} as const;

export type TestingErrorCode = (typeof TestingErrorCode)[keyof typeof TestingErrorCode];
