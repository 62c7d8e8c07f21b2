import 'reflect-metadata';
import { Inject, Injectable, Module, type BootExtension } from '@tenon/core';
import { Test, type TestingModule } from '@tenon/testing';
import {
  AltGreeter,
  PREFIX,
  SupportModule,
  constructed,
  makeDynamic,
  positions,
  type Greeter,
  type TreePosition,
} from '../fixtures/greeter-trees';

@Injectable()
class FakeGreeter implements Greeter {
  constructor(@Inject(PREFIX) private readonly prefix: string) {}
  greet(): string {
    return `${this.prefix}class`;
  }
}

type Apply = (
  builder: ReturnType<typeof Test.createTestingModule>,
  position: TreePosition,
) => ReturnType<typeof Test.createTestingModule>;

const kinds: Array<[string, Apply, string]> = [
  ['useValue', (b, p) => b.overrideProvider(p.token).useValue({ greet: () => 'value' }), 'value'],
  [
    'useClass (with its own injection)',
    (b, p) => b.overrideProvider(p.token).useClass(FakeGreeter),
    'via class',
  ],
  [
    'useFactory (with inject)',
    (b, p) =>
      b
        .overrideProvider(p.token)
        .useFactory({ factory: (prefix: string) => ({ greet: () => `${prefix}factory` }), inject: [PREFIX] }),
    'via factory',
  ],
  ['useExisting', (b, p) => b.overrideProvider(p.token).useExisting(AltGreeter), 'alias'],
];

async function compile(position: TreePosition, apply?: Apply): Promise<TestingModule> {
  let builder = Test.createTestingModule(
    { imports: [SupportModule, ...position.imports] },
    { extensions: position.extensions ?? [] },
  );
  if (apply) builder = apply(builder, position);
  return builder.compile();
}

describe.each(positions())('a token provided in $name', (position) => {
  beforeEach(() => {
    constructed.count = 0;
  });

  it('is the original without an override (the control case)', async () => {
    const moduleRef = await compile(position);
    expect(moduleRef.get(position.consumer).greeter.greet()).toBe('original');
    expect(constructed.count).toBe(1);
    await moduleRef.close();
  });

  it.each(kinds)(
    'is replaced by overrideProvider().%s for get() and for every consumer',
    async (_kind, apply, expected) => {
      const moduleRef = await compile(position, apply);
      const consumer = moduleRef.get(position.consumer);
      expect(consumer.greeter.greet()).toBe(expected);
      expect(moduleRef.get(position.token).greet()).toBe(expected);
      expect(moduleRef.get(position.token)).toBe(consumer.greeter);
      expect(moduleRef.get(position.consumer, { strict: false }).greeter).toBe(consumer.greeter);
      // The original was never built, not even once.
      expect(constructed.count).toBe(0);
      await moduleRef.close();
    },
  );
});

describe('overrides of pipeline classes added by a boot extension', () => {
  const extensionPosition = positions().find((p) => p.extensions)!;
  const methods = ['overrideGuard', 'overrideInterceptor', 'overridePipe', 'overrideFilter'] as const;

  beforeEach(() => {
    constructed.count = 0;
  });

  it.each(methods)('%s() replaces the class with useValue, useClass and useFactory', async (method) => {
    const variants: Apply[] = [
      (b, p) => b[method](p.token).useValue({ greet: () => 'value' }),
      (b, p) => b[method](p.token).useClass(FakeGreeter),
      (b, p) => b[method](p.token).useFactory({ factory: () => ({ greet: () => 'factory' }) }),
    ];
    const seen: string[] = [];
    for (const apply of variants) {
      const moduleRef = await compile(extensionPosition, apply);
      seen.push(moduleRef.get(extensionPosition.consumer).greeter.greet());
      expect(moduleRef.get(extensionPosition.token)).toBe(moduleRef.get(extensionPosition.consumer).greeter);
      await moduleRef.close();
    }
    expect(seen).toEqual(['value', 'via class', 'factory']);
    expect(constructed.count).toBe(0);
  });
});

describe('overrides that reach past the module that declares them', () => {
  it('replaces the options token of forRootAsync(), so its factory never runs', async () => {
    const { GreeterModule, GREETER, GREETER_OPTIONS } = makeDynamic();
    const factory = jest.fn(() => ({ greeting: 'from the real config' }));
    const moduleRef = await Test.createTestingModule({
      imports: [GreeterModule.forRootAsync({ useFactory: factory })],
    })
      .overrideProvider(GREETER_OPTIONS)
      .useValue({ greeting: 'test' })
      .compile();
    expect(factory).not.toHaveBeenCalled();
    expect(moduleRef.get(GREETER_OPTIONS)).toEqual({ greeting: 'test' });
    expect(moduleRef.get(GREETER).greet()).toBe('original');
    await moduleRef.close();
  });

  it('replaces a token in every module that declares it, each with its own instance of the override', async () => {
    @Injectable()
    class Cache {
      readonly kind: string = 'real';
    }
    @Injectable()
    class FakeCache {
      readonly kind: string = 'fake';
    }
    @Injectable()
    class UsesA {
      constructor(readonly cache: Cache) {}
    }
    @Injectable()
    class UsesB {
      constructor(readonly cache: Cache) {}
    }
    @Module({ providers: [Cache, UsesA], exports: [UsesA] })
    class AModule {}
    @Module({ providers: [Cache, UsesB], exports: [UsesB] })
    class BModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AModule, BModule] })
      .overrideProvider(Cache)
      .useClass(FakeCache)
      .compile();
    expect(moduleRef.get(UsesA).cache).toBeInstanceOf(FakeCache);
    expect(moduleRef.get(UsesB).cache).toBeInstanceOf(FakeCache);
    expect(moduleRef.select(AModule).get(Cache, { strict: true })).toBe(moduleRef.get(UsesA).cache);
    expect(moduleRef.select(BModule).get(Cache, { strict: true })).toBe(moduleRef.get(UsesB).cache);
    await moduleRef.close();
  });

  it('keeps the last override when a token is overridden twice', async () => {
    @Injectable()
    class Clock {
      now(): number {
        return Date.now();
      }
    }
    const moduleRef = await Test.createTestingModule({ providers: [Clock] })
      .overrideProvider(Clock)
      .useValue({ now: () => 1 })
      .overrideProvider(Clock)
      .useValue({ now: () => 2 })
      .compile();
    expect(moduleRef.get(Clock).now()).toBe(2);
    await moduleRef.close();
  });
});

describe('overrides of global providers', () => {
  it('replaces a provider a boot extension adds globally', async () => {
    @Injectable()
    class Clock {
      now(): number {
        return Date.now();
      }
    }
    @Injectable()
    class Stamp {
      constructor(readonly clock: Clock) {}
    }
    const extension: BootExtension = {
      name: 'clock',
      afterScan(graph) {
        graph.addGlobalProvider(Clock);
      },
    };
    const moduleRef = await Test.createTestingModule({ providers: [Stamp] }, { extensions: [extension] })
      .overrideProvider(Clock)
      .useValue({ now: () => 42 })
      .compile();
    expect(moduleRef.get(Stamp).clock.now()).toBe(42);
    await moduleRef.close();
  });
});
