import { Scope } from '../module/scope';
import { TenonError } from '../errors/tenon.error';
import { CoreErrorCode } from '../errors/errors';
import { AsyncRequestProviderError } from '../errors/async-request-provider.error';
import { ConstructorFailedError } from '../errors/constructor-failed.error';
import { FactoryFailedError } from '../errors/factory-failed.error';
import { currentRequestContext, NOT_BUILT, type RequestContext } from '../request/request-context';
import { OutsideRequestScopeError } from '../errors/outside-request-scope.error';
import type { InspectOptions } from 'node:util';
import type { Type } from '../metadata/type';
import type { Dependency, ProviderRecord } from './provider-record';

type MaybePromise<T> = T | Promise<T>;

// Request-scoped providers get a slot in each request context's instance array when first used.
// Numbered across the process, not per injector, so that two applications resolving in one
// request context never share a slot.
let nextRequestSlot = 0;

// Our proxies answer every property, `then` included: never treat one as a thenable.
const proxies = new WeakSet<object>();

function isPromise(value: unknown): value is Promise<unknown> {
  if (value instanceof Promise) return true;
  if (typeof value !== 'object' || value === null || proxies.has(value)) return false;
  return typeof (value as { then?: unknown }).then === 'function';
}

function allArgs(args: unknown[]): MaybePromise<unknown[]> {
  for (const a of args) if (isPromise(a)) return Promise.all(args);
  return args;
}

/**
 * Instantiate: builds instances from linked records. Work stays synchronous unless a factory
 * returns a promise, so request-time creation (through proxies) costs no microtask hops.
 */
export class Injector {
  private readonly requestProxies = new Map<ProviderRecord, object>();
  private readonly forwardProxies = new Map<ProviderRecord, object>();

  /** Builds every singleton in dependency order, then fills `@Inject()` properties. */
  async instantiate(order: readonly ProviderRecord[]): Promise<void> {
    for (const record of order) {
      if (record.created) continue;
      const value = this.build(record, undefined, undefined);
      record.instance = isPromise(value) ? await value : value;
      record.created = true;
    }
    // Properties last: this is what lets two singletons refer to each other through properties.
    for (const record of order)
      if (record.propDeps.length) await this.assignProperties(record, record.instance, undefined);
  }

  /** Builds one instance of `record`. `inquirer` is the class it is built for. */
  build(record: ProviderRecord, inquirer: Type | undefined, ctx: RequestContext | undefined): unknown {
    switch (record.kind) {
      case 'value':
        return record.useValue;
      case 'existing':
        return this.value(record.ctorDeps[0]!, record, inquirer, ctx);
      case 'factory': {
        const args = this.args(record, inquirer, ctx);
        return isPromise(args)
          ? args.then((a) => this.callFactory(record, a))
          : this.callFactory(record, args);
      }
      default: {
        const args = this.args(record, inquirer, ctx);
        return isPromise(args)
          ? args.then((a) => this.construct(record, a, ctx))
          : this.construct(record, args, ctx);
      }
    }
  }

  /** Constructor or factory arguments; a promise only when one of them is pending. */
  private args(
    record: ProviderRecord,
    inquirer: Type | undefined,
    ctx: RequestContext | undefined,
  ): MaybePromise<unknown[]> {
    const deps = record.ctorDeps;
    const n = deps.length;
    if (n === 0) return [];
    const args = new Array<unknown>(n);
    let pending = false;
    for (let i = 0; i < n; i++) {
      const v = this.value(deps[i]!, record, inquirer, ctx);
      if (!pending && isPromise(v)) pending = true;
      args[i] = v;
    }
    return pending ? Promise.all(args) : args;
  }

  private construct(record: ProviderRecord, args: unknown[], ctx: RequestContext | undefined): unknown {
    let instance: unknown;
    try {
      instance = new (record.useClass as new (...a: unknown[]) => unknown)(...args);
    } catch (error) {
      if (error instanceof TenonError) throw error;
      throw new ConstructorFailedError(
        record.name,
        record.module.name,
        [...record.module.path(), record.name],
        error,
      );
    }
    if (!record.isSingleton && record.propDeps.length) {
      const done = this.assignProperties(record, instance, ctx);
      if (isPromise(done)) return done.then(() => instance);
    }
    return instance;
  }

  private callFactory(record: ProviderRecord, args: unknown[]): unknown {
    const fail = (error: unknown): never => {
      if (error instanceof TenonError) throw error;
      throw new FactoryFailedError(
        record.name,
        record.module.name,
        [...record.module.path(), record.name],
        error,
      );
    };
    try {
      const result = record.useFactory!(...args);
      return isPromise(result) ? result.then(undefined, fail) : result;
    } catch (error) {
      return fail(error);
    }
  }

  private assignProperties(
    record: ProviderRecord,
    instance: unknown,
    ctx: RequestContext | undefined,
  ): MaybePromise<void> {
    const target = instance as Record<string | symbol, unknown>;
    const pending: Promise<void>[] = [];
    for (const dep of record.propDeps) {
      const value = this.value(dep, record, undefined, ctx);
      if (isPromise(value)) pending.push(value.then((v) => void (target[dep.position as string] = v)));
      else target[dep.position as string] = value;
    }
    return pending.length ? Promise.all(pending).then(() => undefined) : undefined;
  }

  /** The value injected for one dependency of `consumer`. */
  value(
    dep: Dependency,
    consumer: ProviderRecord,
    inquirer: Type | undefined,
    ctx: RequestContext | undefined,
  ): unknown {
    const binding = dep.binding;
    if (!binding || binding.kind === 'none') return undefined;
    if (binding.kind === 'inquirer') return inquirer;
    if (binding.kind === 'many') {
      return allArgs(binding.records.map((r) => this.valueOf(r, dep, consumer, ctx)));
    }
    return this.valueOf(binding.record, dep, consumer, ctx);
  }

  private valueOf(
    target: ProviderRecord,
    dep: Dependency,
    consumer: ProviderRecord,
    ctx: RequestContext | undefined,
  ): unknown {
    switch (target.scope) {
      case Scope.SINGLETON:
        if (target.created) return target.instance;
        if (dep.forward) return this.forwardProxy(target, consumer);
        // Reached only by resolve() of a transient whose singleton is not built yet: build it now.
        return this.build(target, undefined, undefined);
      case Scope.TRANSIENT:
        return this.build(target, consumer.useClass ?? consumer.module.metatype, ctx);
      default:
        if (consumer.scope === Scope.REQUEST && ctx) return this.requestInstance(target, ctx, false);
        return this.requestProxy(target);
    }
  }

  /** The instance of a request-scoped provider for the given request, created on first use. */
  requestInstance(record: ProviderRecord, ctx: RequestContext, allowAsync: boolean): unknown {
    let slot = record.requestSlot;
    if (slot < 0) slot = record.requestSlot = nextRequestSlot++;
    const existing = ctx.instanceAt(slot);
    if (existing !== NOT_BUILT) return existing;
    if (ctx.has(record.token)) {
      const seeded = ctx.get(record.token);
      ctx.setInstanceAt(slot, seeded);
      return seeded;
    }
    const value = this.build(record, undefined, ctx);
    if (isPromise(value)) {
      if (!allowAsync) throw new AsyncRequestProviderError(record.name, record.module.name);
      // Store the promise first so concurrent resolves in one request share one instance.
      ctx.setInstanceAt(slot, value);
      return value.then((v) => {
        ctx.setInstanceAt(slot, v);
        return v;
      });
    }
    ctx.setInstanceAt(slot, value);
    return value;
  }

  /**
   * A stand-in for a request-scoped provider inside a singleton: every access goes to the
   * current request's instance, so scope never bubbles up to the consumer.
   */
  requestProxy(record: ProviderRecord): object {
    let proxy = this.requestProxies.get(record);
    if (proxy) return proxy;
    const current = (): Record<string | symbol, unknown> => {
      const ctx = currentRequestContext();
      if (!ctx) throw new OutsideRequestScopeError(record.name, record.module.name);
      return this.requestInstance(record, ctx, false) as Record<string | symbol, unknown>;
    };
    proxy = createDelegatingProxy(record.prototype, current);
    this.requestProxies.set(record, proxy);
    return proxy;
  }

  private forwardProxy(record: ProviderRecord, consumer: ProviderRecord): object {
    let proxy = this.forwardProxies.get(record);
    if (proxy) return proxy;
    proxy = createDelegatingProxy(record.prototype, () => {
      if (!record.created) {
        throw new TenonError(
          CoreErrorCode.CIRCULAR_DEPENDENCY,
          `${consumer.name} used ${record.name} (injected with forwardRef) while ${record.name} was still being built.\n  Fix: use forward-referenced dependencies only after construction, e.g. in methods or onModuleInit().`,
        );
      }
      return record.instance as Record<string | symbol, unknown>;
    });
    this.forwardProxies.set(record, proxy);
    return proxy;
  }
}

/**
 * The stand-in for an instance that changes per request (or appears late): a Proxy that reads
 * everything from `current()`, under an object that carries one forwarder per prototype method.
 * Calling `service.find()` then hits a plain own method (no Proxy trap, no bound function per
 * access) which finds the current instance and calls the method on it. Fields, accessors and
 * functions stored on the instance go through the Proxy as before.
 */
function createDelegatingProxy(prototype: object, current: () => Record<string | symbol, unknown>): object {
  const proxy = new Proxy(Object.create(prototype) as object, {
    get(_target, key) {
      const instance = current();
      const value = instance[key];
      return typeof value === 'function' ? (value as Function).bind(instance) : value;
    },
    set(_target, key, value) {
      current()[key] = value;
      return true;
    },
    has(_target, key) {
      return key in current();
    },
  });
  const delegate = Object.create(proxy) as object;
  for (const key of prototypeMethods(prototype)) {
    Object.defineProperty(delegate, key, {
      configurable: true,
      writable: true,
      enumerable: false,
      value: function forward(this: unknown) {
        const instance = current();
        // eslint-disable-next-line prefer-rest-params
        return Reflect.apply(instance[key] as Function, instance, arguments);
      },
    });
  }
  // util.inspect (console.log, test failures, loggers) looked through the bare Proxy at its empty
  // target, without a request; the delegate is no Proxy, so it says the same thing itself (and
  // answers `constructor`, which inspect reads first, from the class).
  const placeholder = Object.create(prototype) as object;
  Object.defineProperty(delegate, 'constructor', {
    configurable: true,
    writable: true,
    enumerable: false,
    value: (prototype as { constructor?: unknown }).constructor,
  });
  Object.defineProperty(delegate, INSPECT, {
    configurable: true,
    writable: true,
    enumerable: false,
    value: (
      depth: number,
      options: InspectOptions,
      inspect: (value: unknown, options: InspectOptions) => string,
    ) => inspect(placeholder, { ...options, depth }),
  });
  proxies.add(delegate);
  return delegate;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** Names of the methods a class's instances inherit (accessors and the constructor excluded). */
function prototypeMethods(prototype: object): Array<string | symbol> {
  const seen = new Set<string | symbol>(['constructor']);
  const methods: Array<string | symbol> = [];
  // Nearest first: a nearer accessor hides a farther method of the same name.
  for (
    let p: object | null = prototype;
    p && p !== Object.prototype;
    p = Object.getPrototypeOf(p) as object | null
  ) {
    for (const key of Reflect.ownKeys(p)) {
      if (seen.has(key)) continue;
      seen.add(key);
      if (typeof Object.getOwnPropertyDescriptor(p, key)?.value === 'function') methods.push(key);
    }
  }
  return methods;
}
