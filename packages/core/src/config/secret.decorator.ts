const SECRET_PROPERTIES = 'tenon:config:secrets';

/**
 * Marks a configuration property as secret: its value is printed as `[redacted]` in
 * configuration errors, in `JSON.stringify(config)`, in `util.inspect(config)` (so `console.log`
 * and loggers) and by `redactConfig(config)`.
 *
 * @example
 * export class AppConfig {
 *   @Secret() @IsString() @MinLength(32) jwtSecret!: string;
 * }
 */
export function Secret(): PropertyDecorator {
  return (target, propertyKey) => {
    if (typeof propertyKey !== 'string') return;
    // Copy the inherited list so a subclass adding a secret does not add it to its parent.
    const inherited = (Reflect.getMetadata(SECRET_PROPERTIES, target) as readonly string[] | undefined) ?? [];
    Reflect.defineMetadata(SECRET_PROPERTIES, [...inherited, propertyKey], target);
  };
}

/** The secret property names of a configuration class, its parents' included. */
export function getSecretProperties(type: Function): readonly string[] {
  return (
    (Reflect.getMetadata(SECRET_PROPERTIES, type.prototype as object) as readonly string[] | undefined) ?? []
  );
}

export function isSecretProperty(type: Function, property: string): boolean {
  return getSecretProperties(type).includes(property);
}
