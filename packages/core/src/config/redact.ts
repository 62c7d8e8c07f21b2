import { inspect } from 'node:util';
import { isSecretProperty } from './secret.decorator';

/** What a secret value is replaced with wherever configuration is printed. */
export const REDACTED = '[redacted]';

/**
 * A plain copy of a configuration object with every `@Secret()` value replaced by
 * `'[redacted]'`, nested groups included. Safe to log or return from a diagnostics endpoint.
 *
 * @example
 * const config = context.get(AppConfig);
 * logger.info('configuration loaded', { config: redactConfig(config) });
 * // { port: 3000, jwtSecret: '[redacted]', db: { host: 'localhost', password: '[redacted]' } }
 */
export function redactConfig(config: object): Record<string, unknown> {
  return copy(config, new WeakSet(), (): Record<string, unknown> => ({}));
}

/**
 * Gives a loaded configuration instance non-enumerable `toJSON` and `util.inspect` hooks, so
 * `JSON.stringify`, `console.log` and pino print it redacted while the instance itself keeps the
 * real values for the code that needs them.
 */
export function attachRedaction(config: object): void {
  Object.defineProperties(config, {
    toJSON: { value: () => redactConfig(config), enumerable: false, configurable: true, writable: true },
    [inspect.custom]: {
      // A copy with the same prototype keeps class names in the output (`DbConfig { … }`).
      value: (_depth: number, options: object) =>
        inspect(
          copy(
            config,
            new WeakSet(),
            (source) => Object.create(Object.getPrototypeOf(source) as object | null) as object,
          ),
          options,
        ),
      enumerable: false,
      configurable: true,
      writable: true,
    },
  });
}

function copy<T extends object>(source: object, seen: WeakSet<object>, create: (source: object) => T): T {
  seen.add(source);
  const target = create(source) as Record<string, unknown>;
  const type = source.constructor;
  for (const [key, value] of Object.entries(source)) {
    if (typeof type === 'function' && isSecretProperty(type, key)) {
      target[key] = value === undefined ? undefined : REDACTED;
    } else {
      target[key] = copyValue(value, seen, create);
    }
  }
  // Only ancestors count as a cycle: the same object reached twice side by side is copied twice.
  seen.delete(source);
  return target as T;
}

function copyValue<T extends object>(
  value: unknown,
  seen: WeakSet<object>,
  create: (source: object) => T,
): unknown {
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  if (seen.has(value)) return '[Circular]';
  if (Array.isArray(value)) return value.map((item) => copyValue(item, seen, create));
  return copy(value, seen, create);
}
