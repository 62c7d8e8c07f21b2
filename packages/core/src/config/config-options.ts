import type { Type } from '../metadata/type';

/** The options of `ConfigModule.forRoot()` and `loadConfig()`. */
export interface ConfigModuleOptions<T extends object = object> {
  /** The class variables are bound to and validated against; injectable by this type. */
  schema: Type<T>;
  /**
   * Active profiles, lowest precedence first; each adds `.env.<profile>` files. Default: the
   * comma-separated `TENON_PROFILES`, else `NODE_ENV`, else none.
   */
  profiles?: string[];
  /**
   * The base env file(s), relative to the working directory; later files win. Default `.env`.
   * Each profile adds `<file>.<profile>` for every base file.
   */
  envFilePath?: string | string[];
  /** Read only the environment, no files. */
  ignoreEnvFile?: boolean;
  /** The environment to read. Default `process.env`; tests pass their own. */
  env?: Record<string, string | undefined>;
  /** Make the configuration injectable everywhere without importing the module. Default `true`. */
  global?: boolean;
}
