import type { DiscoveredClass, DiscoveredMethod, DiscoveredModule } from './discovered-class';

/** Public method names of a class and its ancestors, nearest definition first. */
function methodNames(prototype: object): string[] {
  const names = new Set<string>();
  for (
    let p: object | null = prototype;
    p && p !== Object.prototype;
    p = Object.getPrototypeOf(p) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(p)) {
      if (name === 'constructor') continue;
      const descriptor = Object.getOwnPropertyDescriptor(p, name);
      if (descriptor && typeof descriptor.value === 'function') names.add(name);
    }
  }
  return [...names];
}

/**
 * Lists what the application is made of, so that packages and plugins find what they handle
 * (controllers, `@OnEvent` methods, repositories...) without private access.
 *
 * @example
 * @Injectable()
 * export class EventBinder implements OnApplicationBootstrap {
 *   constructor(private readonly discovery: DiscoveryService) {}
 *   onApplicationBootstrap() {
 *     for (const m of this.discovery.methodsWithMetadata<string>(ON_EVENT)) bus.on(m.metadata, (e) => m.owner.instance[m.methodName](e));
 *   }
 * }
 */
export class DiscoveryService {
  constructor(
    private readonly classes: () => readonly DiscoveredClass[],
    private readonly moduleList: () => readonly DiscoveredModule[],
  ) {}

  getModules(): readonly DiscoveredModule[] {
    return this.moduleList();
  }

  getProviders(): DiscoveredClass[] {
    return this.classes().filter((c) => !c.isController);
  }

  getControllers(): DiscoveredClass[] {
    return this.classes().filter((c) => c.isController);
  }

  /** Class-level metadata under `key` (own or inherited) for a discovered class. */
  getClassMetadata<T>(item: DiscoveredClass, key: unknown): T | undefined {
    return item.metatype ? (Reflect.getMetadata(key, item.metatype) as T | undefined) : undefined;
  }

  /** Providers and controllers whose class carries metadata under `key`. */
  classesWithMetadata<T>(key: unknown): Array<{ item: DiscoveredClass; metadata: T }> {
    const found: Array<{ item: DiscoveredClass; metadata: T }> = [];
    for (const item of this.classes()) {
      const metadata = this.getClassMetadata<T>(item, key);
      if (metadata !== undefined) found.push({ item, metadata });
    }
    return found;
  }

  /** Every method of every discovered class that carries metadata under `key`. */
  methodsWithMetadata<T>(key: unknown): DiscoveredMethod<T>[] {
    const found: DiscoveredMethod<T>[] = [];
    for (const owner of this.classes()) {
      if (!owner.metatype) continue;
      const prototype = owner.metatype.prototype as object;
      for (const methodName of methodNames(prototype)) {
        const metadata = Reflect.getMetadata(key, prototype, methodName) as T | undefined;
        if (metadata !== undefined) found.push({ owner, methodName, metadata });
      }
    }
    return found;
  }

  /** Method names of a class, own and inherited. */
  getMethodNames(metatype: Function): string[] {
    return methodNames(metatype.prototype as object);
  }
}
