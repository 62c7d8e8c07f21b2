/**
 * Called once every provider of the module is built and its `@Inject()` properties are set.
 *
 * @example
 * @Injectable()
 * export class Cache implements OnModuleInit {
 *   async onModuleInit() { await this.warmUp(); }
 * }
 */
export interface OnModuleInit {
  onModuleInit(): unknown;
}

/** Called after every module is initialised, before the application starts serving. */
export interface OnApplicationBootstrap {
  onApplicationBootstrap(): unknown;
}

/** Called first on shutdown, while every provider still works: stop taking new work. */
export interface BeforeApplicationShutdown {
  beforeApplicationShutdown(signal?: string): unknown;
}

/** Called on shutdown after `beforeApplicationShutdown`: release what the module holds. */
export interface OnModuleDestroy {
  onModuleDestroy(): unknown;
}

/** Called last on shutdown: close connections and flush. */
export interface OnApplicationShutdown {
  onApplicationShutdown(signal?: string): unknown;
}

export type LifecycleHook =
  | 'onModuleInit'
  | 'onApplicationBootstrap'
  | 'beforeApplicationShutdown'
  | 'onModuleDestroy'
  | 'onApplicationShutdown';
