import type { Token } from '../metadata/token';
import type { Type } from '../metadata/type';
import { Scope } from '../module/scope';
import type { ModuleRecord } from './module-record';
import { tokenName } from '../metadata/token';

export type ProviderKind = 'class' | 'value' | 'factory' | 'existing';

/** Where a dependency comes from once link has resolved it. */
export type Binding =
  | { kind: 'one'; record: ProviderRecord }
  | { kind: 'many'; records: ProviderRecord[] }
  | { kind: 'none' }
  | { kind: 'inquirer' };

export interface Dependency {
  /** Constructor parameter index, factory argument index, or property key. */
  position: number | string | symbol;
  token: Token | undefined;
  optional: boolean;
  /** Declared through `forwardRef`: may be satisfied after the consumer is built. */
  forward: boolean;
  /** The parameter's type as TypeScript recorded it, when the parameter is a constructor's. */
  designType?: unknown;
  binding?: Binding;
}

/** One provider of one module, with what link and instantiate learn about it. */
export class ProviderRecord {
  ctorDeps: Dependency[] = [];
  propDeps: Dependency[] = [];
  /** Set by link: the records that must be built before this one (see `hardEdges`). */
  edges: ProviderRecord[] = [];
  /** Scratch mark of link's graph walks. */
  walk = 0;
  instance: unknown = undefined;
  created = false;
  isController = false;
  /** Request-scoped only: where request contexts keep this provider's instance; -1 until first use. */
  requestSlot = -1;
  isModule = false;
  useClass?: Type;
  useValue?: unknown;
  useFactory?: (...args: unknown[]) => unknown;
  inject?: unknown[];
  useExisting?: unknown;

  constructor(
    readonly token: Token,
    readonly kind: ProviderKind,
    readonly scope: Scope,
    readonly multi: boolean,
    readonly module: ModuleRecord,
  ) {}

  get name(): string {
    return tokenName(this.token);
  }

  /** The class whose prototype instances have, when known. */
  get prototype(): object {
    return (this.useClass?.prototype as object | undefined) ?? Object.prototype;
  }

  get isSingleton(): boolean {
    return this.scope === Scope.SINGLETON;
  }
}
