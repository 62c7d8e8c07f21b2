import 'reflect-metadata';
import { TenonError } from '@tenon/core';
import { PeerMissingError, createMock, type DeepMocked } from '@tenon/testing';
import { resolveMockFn, type MockFn } from '../../src/mock/mock-fn';

interface User {
  id: number;
  name: string;
}

class UsersRepository {
  readonly table: string = 'users';
  findById(id: number): Promise<User | undefined> {
    return Promise.resolve({ id, name: 'real' });
  }
  save(user: User): User {
    return user;
  }
}

interface Settings {
  pageSize: number;
  db: { url: string; pool: { size(): number } };
}

class UsersService {
  constructor(
    readonly repo: UsersRepository,
    readonly settings: Settings,
  ) {}
  async name(id: number): Promise<string> {
    return (await this.repo.findById(id))?.name ?? 'nobody';
  }
}

describe('createMock()', () => {
  it('makes every method a jest mock function, typed after T', async () => {
    const repo = createMock<UsersRepository>();
    repo.findById.mockResolvedValue({ id: 1, name: 'Ada' });
    const service = new UsersService(repo, createMock<Settings>());
    await expect(service.name(1)).resolves.toBe('Ada');
    expect(repo.findById).toHaveBeenCalledWith(1);
    expect(repo.findById).toHaveBeenCalledTimes(1);
    expect(repo.save).not.toHaveBeenCalled();
    expect(jest.isMockFunction(repo.findById)).toBe(true);
  });

  it('returns undefined from a method until told otherwise, and keeps one mock per member', () => {
    const repo = createMock<UsersRepository>();
    expect(repo.save({ id: 1, name: 'x' })).toBeUndefined();
    expect(repo.save).toBe(repo.save);
    repo.save.mockImplementation((u) => ({ ...u, name: 'saved' }));
    expect(repo.save({ id: 2, name: 'y' })).toEqual({ id: 2, name: 'saved' });
  });

  it('mocks nested objects deeply', () => {
    const settings = createMock<Settings>();
    settings.db.pool.size.mockReturnValue(4);
    expect(settings.db.pool.size()).toBe(4);
    expect(settings.db.pool).toBe(settings.db.pool);
  });

  it('uses the members a partial gives as they are, and mocks the rest', async () => {
    const findById = jest.fn().mockResolvedValue({ id: 7, name: 'Bo' });
    const when = new Date(0);
    const repo = createMock<UsersRepository & { since: Date; tags: string[] }>({
      findById,
      table: 'people',
      since: when,
      tags: ['a'],
    });
    expect(repo.findById).toBe(findById);
    await expect(repo.findById(7)).resolves.toEqual({ id: 7, name: 'Bo' });
    expect(repo.table).toBe('people');
    expect(repo.since).toBe(when);
    expect(repo.tags).toEqual(['a']);
    expect(jest.isMockFunction(repo.save)).toBe(true);
  });

  it('mocks what a nested plain object in the partial leaves out', () => {
    const settings = createMock<Settings>({ pageSize: 10, db: { url: 'pglite://memory' } });
    expect(settings.pageSize).toBe(10);
    expect(settings.db.url).toBe('pglite://memory');
    settings.db.pool.size.mockReturnValue(2);
    expect(settings.db.pool.size()).toBe(2);
  });

  it('lets a test replace a member by assignment or spy on it', () => {
    const repo = createMock<UsersRepository>();
    repo.save = jest.fn((u: User) => u) as unknown as DeepMocked<UsersRepository>['save'];
    expect(repo.save({ id: 3, name: 'z' })).toEqual({ id: 3, name: 'z' });
    const spy = jest.spyOn(repo, 'findById');
    void repo.findById(9);
    expect(spy).toHaveBeenCalledWith(9);
  });

  it('is not a thenable: awaiting it, or returning it from an async factory, gives the mock', async () => {
    const repo = createMock<UsersRepository>();
    await expect(Promise.resolve(repo)).resolves.toBe(repo);
    const nested = createMock<Settings>();
    expect(await (async () => nested.db)()).toBe(nested.db);
    expect((repo as unknown as { then?: unknown }).then).toBeUndefined();
  });

  it('works inside expect(): as an argument, printed, compared, converted to a string', () => {
    const repo = createMock<UsersRepository>({ table: 't' });
    const callback = jest.fn();
    callback(repo);
    expect(callback).toHaveBeenCalledWith(repo);
    expect(repo).toEqual(createMock<UsersRepository>({ table: 't' }));
    expect(repo).not.toEqual({ table: 'other' });
    expect(String(repo)).toBe('[object Object]');
    expect(JSON.stringify(repo)).toBe('{"table":"t"}');
    expect(() => expect(repo.findById).toHaveBeenCalled()).toThrow(/mock\.findById/);
  });

  it('uses the running test’s jest.fn, so clearAllMocks() clears it', () => {
    const repo = createMock<UsersRepository>();
    repo.save({ id: 1, name: 'a' });
    expect(repo.save).toHaveBeenCalledTimes(1);
    jest.clearAllMocks();
    expect(repo.save).toHaveBeenCalledTimes(0);
  });

  it('names its mock functions after options.name', () => {
    const repo = createMock<UsersRepository>({}, { name: 'UsersRepository' });
    const settings = createMock<Settings>({ db: {} }, { name: 'Settings' });
    expect(repo.findById.getMockName()).toBe('UsersRepository.findById');
    expect(settings.db.pool.size.getMockName()).toBe('Settings.db.pool.size');
  });

  it('keeps types: a partial with an unknown member or a wrong resolved value does not compile', () => {
    // @ts-expect-error findByEmail is not a member of UsersRepository
    createMock<UsersRepository>({ findByEmail: jest.fn() });
    const repo = createMock<UsersRepository>();
    // @ts-expect-error findById resolves to a User, not a string
    repo.findById.mockResolvedValue('Ada');
    // @ts-expect-error table is a string
    createMock<UsersRepository>({ table: 1 });
    expect(repo).toBeDefined();
  });
});

describe('the mock function factory', () => {
  it('prefers the running test’s jest.fn', () => {
    // @types/jest and jest-mock describe the same function with slightly different types.
    const fn = jest.fn as unknown as MockFn;
    expect(resolveMockFn({ fn }, () => ({ fn: () => 'wrong' }))).toBe(fn);
  });

  it('falls back to jest-mock outside jest', () => {
    const fallback = resolveMockFn(undefined);
    const mock = fallback((n: number) => n * 2);
    expect(mock(2)).toBe(4);
    expect(mock.mock.calls).toEqual([[2]]);
  });

  it('says to install jest-mock when it is missing', () => {
    const missing = (): never => {
      throw Object.assign(new Error("Cannot find module 'jest-mock'"), { code: 'MODULE_NOT_FOUND' });
    };
    let error: unknown;
    try {
      resolveMockFn(undefined, missing);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PeerMissingError);
    expect((error as TenonError).code).toBe('TENON_TESTING_PEER_MISSING');
    expect((error as TenonError).message).toBe(
      "createMock() outside jest needs jest-mock, which cannot be loaded (Cannot find module 'jest-mock').\n  Fix: npm install --save-dev jest-mock",
    );
  });

  it('does not hide other load failures', () => {
    const broken = (): never => {
      throw new SyntaxError('Unexpected token');
    };
    expect(() => resolveMockFn(undefined, broken)).toThrow(SyntaxError);
  });
});
