// Types only: @tenon/core checks at import that the Reflect metadata polyfill is loaded.
import type {} from 'reflect-metadata';

export { TestingErrorCode } from './errors/errors';
export { Test } from './testing/test';
export { TestingModuleBuilder } from './testing/testing-module.builder';
export type {
  TestingModuleMetadata,
  TestingModuleOptions,
  MockFactory,
  OverrideModuleBy,
} from './testing/testing-module.builder';
export type { OverrideBy, OverrideFactory, OverrideValue } from './testing/override-by';
export { TestingModule } from './testing/testing-module';
export { createMock } from './mock/create-mock';
export type { DeepMocked, PartialMock, CreateMockOptions } from './mock/deep-mocked';
export { TestDatabase } from './database/test-database';
export { waitForMessage, inMemoryTransport } from './messaging/wait-for-message';
export type { WaitForMessageOptions, TokenLookup } from './messaging/wait-for-message';
export type { TestDatabaseOptions } from './database/test-database';
export { OverrideNotProvidedError } from './errors/override-not-provided.error';
export type { UnmatchedOverride } from './errors/override-not-provided.error';
export type { OverrideKind } from './errors/override-kind';
export { ModuleNotImportedError } from './errors/module-not-imported.error';
export { OverrideIncompleteError } from './errors/override-incomplete.error';
export { InvalidOverrideError } from './errors/invalid-override.error';
export { AlreadyCompiledError } from './errors/already-compiled.error';
export { ModuleClosedError } from './errors/module-closed.error';
export { HttpApplicationExistsError } from './errors/http-application-exists.error';
export { PeerMissingError } from './errors/peer-missing.error';
export {
  DatabaseNotStartedError,
  TestTransactionOpenError,
  TransactionLeftOpenError,
  NoTestRunnerError,
} from './errors/database.errors';
