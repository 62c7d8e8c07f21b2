import type { Token } from '../metadata/token';
import type { Type } from '../metadata/type';
import { Scope } from '../module/scope';
import type { ModuleRecord } from './module-record';
import { tokenName } from '../metadata/token';

export type ProviderKind = 'class' | 'value' | 'factory' | 'existing';

/**
 * Where a dependency comes from once link has resolved it. Every kind has the same fields
 * (unused ones `undefined`), so that link and the injector read one object shape: V8 (Maglev on
 * Node 22+) deoptimised link's loops on the four shapes a union of object literals gives.
 */
export type Binding =
  | { kind: 'one'; record: ProviderRecord; records: undefined }
  | { kind: 'many'; record: undefined; records: ProviderRecord[] }
  | { kind: 'none'; record: undefined; records: undefined }
  | { kind: 'inquirer'; record: undefined; records: undefined };

/** A binding to one record. */
export function bindOne(record: ProviderRecord): Binding {
  return { kind: 'one', record, records: undefined };
}

/** A binding to every record of a multi-provider token. */
export function bindMany(records: ProviderRecord[]): Binding {
  return { kind: 'many', record: undefined, records };
}

/** No provider, for an `@Optional()` dependency. */
export const BIND_NONE: Binding = { kind: 'none', record: undefined, records: undefined };

/** The consumer itself (`INQUIRER`). */
export const BIND_INQUIRER: Binding = { kind: 'inquirer', record: undefined, records: undefined };

/** What a provider needs, one per constructor parameter, factory argument or injected property. */
export interface Dependency {
  /** Constructor parameter index, factory argument index, or property key. */
  position: number | string | symbol;
  token: Token | undefined;
  optional: boolean;
  /** Declared through `forwardRef`: may be satisfied after the consumer is built. */
  forward: boolean;
  /** The parameter's type as TypeScript recorded it, when the parameter is a constructor's. */
  designType: unknown;
  /** Set by link. */
  binding: Binding | undefined;
}

/** One provider of one module, with what link and instantiate learn about it. */
export class ProviderRecord {
  ctorDeps: Dependency[] = [];
  propDeps: Dependency[] = [];
  /** Set by link: the records that must be built before this one (see `hardEdges`). */
  edges: ProviderRecord[] = [];
  /** Set by link: the record's number in its graph walks; -1 until then. */
  linkIndex = -1;
  instance: unknown = undefined;
  created = false;
  isController = false;
  /** Request-scoped only: where request contexts keep this provider's instance; -1 until first use. */
  requestSlot = -1;
  isModule = false;
  // Declared with their initial value so that every record has one shape whatever its kind
  // (fields added later give each kind its own hidden class, and link's loops went polymorphic).
  useClass: Type | undefined = undefined;
  useValue: unknown = undefined;
  useFactory: ((...args: unknown[]) => unknown) | undefined = undefined;
  inject: unknown[] | undefined = undefined;
  useExisting: unknown = undefined;

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
