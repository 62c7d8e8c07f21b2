import {
  TestingModuleBuilder,
  type TestingModuleMetadata,
  type TestingModuleOptions,
} from './testing-module.builder';

/**
 * The entry point of the testing module: builds any part of an application, with overrides.
 *
 * @example
 * const moduleRef = await Test.createTestingModule({ imports: [TodoModule] })
 *   .overrideProvider(TodoRepository).useValue(fakeTodos)
 *   .compile();
 * const service = moduleRef.get(TodoService);
 */
export class Test {
  private constructor() {}

  /**
   * Starts a testing module from module metadata: what to import, and providers and
   * controllers to declare at its root. `options` pass through to `ApplicationContext.create()`.
   *
   * @example
   * Test.createTestingModule({ imports: [UsersModule], providers: [{ provide: Clock, useValue: fixedClock }] })
   */
  static createTestingModule(
    metadata: TestingModuleMetadata = {},
    options?: TestingModuleOptions,
  ): TestingModuleBuilder {
    return new TestingModuleBuilder(metadata, options);
  }
}
