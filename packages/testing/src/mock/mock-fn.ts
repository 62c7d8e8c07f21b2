import type { FunctionLike, Mock } from 'jest-mock';
import { loadPeer, type RequireFn } from '../util/load-peer';

/** `jest.fn`'s shape. */
export type MockFn = <T extends FunctionLike>(implementation?: T) => Mock<T>;

// Jest hands every module it loads a `jest` object of the running test file; mocks made with
// its `fn` are the ones `jest.clearAllMocks()`, `resetMocks` and `restoreMocks` know about.
declare const jest: { fn?: MockFn } | undefined;

/**
 * Picks the mock-function factory: the running test's `jest.fn` when there is one, otherwise
 * `fn` from the jest-mock package (an optional peer).
 */
export function resolveMockFn(runtime: { fn?: MockFn } | undefined, requireFn?: RequireFn): MockFn {
  if (typeof runtime?.fn === 'function') return runtime.fn;
  return loadPeer<{ fn: MockFn }>('jest-mock', 'createMock() outside jest', requireFn).fn;
}

let cached: MockFn | undefined;

/** The mock-function factory createMock() uses. */
export function mockFn(): MockFn {
  const runtime = typeof jest === 'undefined' ? undefined : jest;
  if (typeof runtime?.fn === 'function') return runtime.fn;
  cached ??= resolveMockFn(undefined);
  return cached;
}
