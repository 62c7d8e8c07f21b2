import type { FunctionLike, Mocked } from 'jest-mock';

/**
 * A deep auto-mock of `T`: every method is a jest mock function (`mockResolvedValue`,
 * `toHaveBeenCalledWith`, …) and every nested object is mocked the same way, while the value
 * still type-checks as a `T`.
 *
 * @example
 * const repo: DeepMocked<UsersRepository> = createMock<UsersRepository>();
 * repo.findById.mockResolvedValue(alice);
 */
export type DeepMocked<T> = Mocked<T>;

/**
 * What `createMock<T>(partial)` accepts: any part of `T`. Functions (e.g. `jest.fn()`) are used
 * as they are; plain objects are mocked in turn, so members they leave out are still mocks.
 *
 * @example
 * createMock<UsersService>({ find: jest.fn().mockResolvedValue([]), config: { pageSize: 10 } })
 */
export type PartialMock<T> = {
  [K in keyof T]?: T[K] extends FunctionLike ? T[K] : T[K] extends object ? PartialMock<T[K]> | T[K] : T[K];
};

/** Options of `createMock()`. */
export interface CreateMockOptions {
  /** Prefix of the mock functions' names in failure messages (default `mock`). */
  name?: string;
}
