import {
  Module,
  tokenName,
  type ApplicationContextOptions,
  type DynamicModule,
  type ProviderOverride,
  type Token,
} from '@tenon/core';
import { ModuleNotImportedError } from '../errors/module-not-imported.error';
import type { OverrideKind } from '../errors/override-kind';
import { nameAutoMock } from '../mock/create-mock';
import { nearestNames } from '../util/nearest-names';
import { moduleClassOf, planModuleOverrides } from './module-tree';
import { overrideCheck, TrackedOverrides, type OverrideCheck } from './override-tracker';

/** The module a testing module's metadata is attached to, as a dynamic module. */
@Module({})
export class RootTestModule {}

/** What a builder collected, ready for `ApplicationContext.create()` (directly or through HTTP). */
export interface BootPlan {
  readonly root: DynamicModule;
  /** Module replacements as core receives them (every matching import reference). */
  readonly moduleMap: ReadonlyMap<object, object>;
  readonly check: OverrideCheck;
  /** Options for core, except the extensions, which each kind of boot orders itself. */
  readonly context: Omit<ApplicationContextOptions, 'extensions'>;
}

export interface BootInput {
  metadata: Omit<DynamicModule, 'module'>;
  overrides: ReadonlyMap<unknown, ProviderOverride>;
  kinds: ReadonlyMap<unknown, OverrideKind>;
  moduleOverrides: ReadonlyMap<object, object>;
  mocker?: (token: Token) => unknown;
  /** Defer the override check to after boot (see `overrideCheck`). */
  deferCheck?: boolean;
}

/** Resolves module overrides against the tree and prepares the override table and check. */
export function planBoot(input: BootInput): BootPlan {
  const root: DynamicModule = { module: RootTestModule, ...input.metadata };
  const plan = planModuleOverrides(root, input.moduleOverrides);
  if (plan.unmatched.length) {
    const key = plan.unmatched[0]!;
    const imported = plan.moduleNames.filter((n) => n !== RootTestModule.name).map((name) => ({ name }));
    const name = moduleClassOf(key)?.name ?? tokenName(key);
    throw new ModuleNotImportedError(tokenName(key), nearestNames(name, imported), imported);
  }
  const overrides = new TrackedOverrides(input.overrides);
  const mocker = input.mocker;
  return {
    root,
    moduleMap: plan.map,
    check: overrideCheck(overrides, input.kinds, { defer: input.deferCheck === true }),
    context: {
      overrides,
      moduleOverrides: plan.map,
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
