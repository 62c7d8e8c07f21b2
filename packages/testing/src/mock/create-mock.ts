import type { CreateMockOptions, DeepMocked, PartialMock } from './deep-mocked';
import { mockFn } from './mock-fn';

// Keys that libraries probe to learn what kind of value they hold. Answering them with a mock
// function would make an awaited mock a never-settling thenable (`then`), turn it into an
// asymmetric matcher inside `expect` (`asymmetricMatch`), a DOM node or a React element for
// pretty-format, or break string conversion. They read through to the real object instead.
const PASSTHROUGH = new Set<PropertyKey>([
  'then',
  'catch',
  'finally',
  'asymmetricMatch',
  'nodeType',
  'tagName',
  '$$typeof',
  '@@__IMMUTABLE_ITERABLE__@@',
  '@@__IMMUTABLE_RECORD__@@',
  'toJSON',
  'constructor',
  'toString',
  'valueOf',
  'toLocaleString',
  '_isMockFunction',
]);

// `expect` takes a function with `calls.all()` and `calls.count()` for a Jasmine spy and then
// ignores its jest mock state; mock members must not grow those.
const MEMBER_PASSTHROUGH = new Set<PropertyKey>([...PASSTHROUGH, 'calls']);

const MOCK_STATE = Symbol('tenon.mock');

interface MockState {
  name: string;
  readonly children: Map<PropertyKey, unknown>;
}

function isPlainObject(value: unknown): value is Record<PropertyKey, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function childName(state: MockState, prop: PropertyKey): string {
  return `${state.name}.${String(prop)}`;
}

/**
 * A member nobody described: callable (a jest mock function returning `undefined` until told
 * otherwise) and itself a deep mock, since the caller's type may say it is either.
 */
function mockMember(name: string): unknown {
  const fn = mockFn()();
  fn.mockName(name);
  const state: MockState = { name, children: new Map() };
  return new Proxy(fn, {
    get(target, prop, receiver) {
      if (prop === MOCK_STATE) return state;
      if (typeof prop === 'symbol' || prop in target || MEMBER_PASSTHROUGH.has(prop))
        return Reflect.get(target, prop, receiver) as unknown;
      return child(state, prop);
    },
  });
}

function child(state: MockState, prop: PropertyKey): unknown {
  let value = state.children.get(prop);
  if (value === undefined) {
    value = mockMember(childName(state, prop));
    state.children.set(prop, value);
  }
  return value;
}

/**
 * Creates a typed deep auto-mock: every member of `T` that `partial` does not give is a jest mock
 * function created on first access (and a deep mock itself, for nested objects), so
 * `mock.find.mockResolvedValue(x)` and `expect(mock.save).toHaveBeenCalledWith(y)` just work.
 * Members given in `partial` are used as they are (plain objects are mocked in turn).
 * Mock functions return `undefined` until configured; awaiting the mock itself does not hang.
 * Uses the running test's `jest.fn`, or the jest-mock package outside jest.
 *
 * @example
 * const repo = createMock<UsersRepository>();
 * repo.findById.mockResolvedValue({ id: 1, name: 'Ada' });
 * const mailer = createMock<Mailer>({ send: jest.fn().mockResolvedValue(true) });
 * const moduleRef = await Test.createTestingModule({ imports: [UsersModule] }).useMocker(createMock).compile();
 */
export function createMock<T extends object>(
  partial: PartialMock<T> = {},
  options: CreateMockOptions = {},
): DeepMocked<T> {
  const state: MockState = { name: options.name ?? 'mock', children: new Map() };
  const target: Record<PropertyKey, unknown> = {};
  for (const key of Reflect.ownKeys(partial)) {
    const value = (partial as Record<PropertyKey, unknown>)[key];
    target[key] = isPlainObject(value) ? createMock(value, { name: childName(state, key) }) : value;
  }
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (prop === MOCK_STATE) return state;
      if (Object.prototype.hasOwnProperty.call(obj, prop)) return Reflect.get(obj, prop, receiver) as unknown;
      if (typeof prop === 'symbol' || PASSTHROUGH.has(prop))
        return Reflect.get(obj, prop, receiver) as unknown;
      return child(state, prop);
    },
  }) as DeepMocked<T>;
}

/** True for a value made by `createMock()`. */
export function isAutoMock(value: unknown): boolean {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    (value as Record<symbol, unknown>)[MOCK_STATE] !== undefined
  );
}

/**
 * Renames a mock made by `createMock()` so that its members' failure messages say where they
 * come from (`UsersRepository.find`). Members created before keep their names.
 */
export function nameAutoMock(value: unknown, name: string): void {
  const state = isAutoMock(value) ? ((value as Record<symbol, unknown>)[MOCK_STATE] as MockState) : undefined;
  if (state) state.name = name;
}
