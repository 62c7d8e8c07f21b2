const CONFIG_PROPERTIES = 'tenon:config:properties';

/**
 * Marks a class as a group of configuration properties bound from variables that start with
 * `prefix` (upper-cased, `_`-separated). Use it for a nested property of the schema: the group is
 * bound, validated and injectable by its own type. Prefixes nest: a group inside `db` with
 * prefix `pool` reads `DB_POOL_*`.
 *
 * @example
 * @ConfigProperties('db')
 * export class DbConfig {
 *   @IsString() host = 'localhost';          // DB_HOST
 *   @IsInt() port = 5432;                    // DB_PORT
 *   @Secret() @IsString() password!: string; // DB_PASSWORD
 * }
 *
 * export class AppConfig {
 *   @ValidateNested() db!: DbConfig;
 * }
 */
export function ConfigProperties(prefix: string): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(CONFIG_PROPERTIES, prefix, target);
  };
}

/** The prefix given to `@ConfigProperties()`, inherited by subclasses; `undefined` when not decorated. */
export function getConfigPrefix(target: unknown): string | undefined {
  if (typeof target !== 'function') return undefined;
  return Reflect.getMetadata(CONFIG_PROPERTIES, target) as string | undefined;
}
