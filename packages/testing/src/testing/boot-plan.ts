import {
  Module,
  tokenName,
  type ApplicationContextOptions,
  type BootExtension,
  type DynamicModule,
  type ProviderOverride,
  type Token,
} from '@tenon/core';
import type { OverrideKind } from '../errors/override-kind';
import { nameAutoMock } from '../mock/create-mock';
import { overrideCheck } from './override-check';

/** The module a testing module's metadata is attached to, as a dynamic module. */
@Module({})
export class RootTestModule {}

/** What a builder collected, as `ApplicationContext.create()` takes it. */
export interface BootPlan {
  readonly root: DynamicModule;
  /** The boot extension that fails the boot when an override matches nothing. */
  readonly check: BootExtension;
  readonly context: Pick<ApplicationContextOptions, 'overrides' | 'moduleOverrides' | 'mocker'>;
}

export interface BootInput {
  metadata: Omit<DynamicModule, 'module'>;
  overrides: ReadonlyMap<unknown, ProviderOverride>;
  kinds: ReadonlyMap<unknown, OverrideKind>;
  moduleOverrides: ReadonlyMap<object, object>;
  mocker?: (token: Token) => unknown;
}

/** Turns what a builder collected into the root module and core's options. */
export function planBoot(input: BootInput): BootPlan {
  const mocker = input.mocker;
  return {
    root: { module: RootTestModule, ...input.metadata },
    check: overrideCheck(input.overrides, input.kinds, input.moduleOverrides),
    context: {
      overrides: input.overrides,
      moduleOverrides: input.moduleOverrides,
      // Mocks made by createMock() get the token's name: a failure says `Mailer.send`, not `mock.send`.
      mocker: mocker
        ? (token) => {
            const value = mocker(token);
            nameAutoMock(value, tokenName(token));
            return value;
          }
        : undefined,
    },
  };
}
