/** Key of `@SerializeOptions()`. */
export const SERIALIZE_OPTIONS = 'tenon:http:serialize';

/** Options applied when the route's result is serialized with class-transformer. */
export interface SerializeOptions {
  /** class-transformer groups: `@Expose({ groups: ['admin'] })` properties are included. */
  groups?: string[];
}

/**
 * Chooses class-transformer groups for the response of a route (or every route of a
 * controller): properties exposed only to other groups are left out.
 *
 * @example
 * @Get(':id') @SerializeOptions({ groups: ['admin'] }) find() { return new UserView(user); }
 */
export function SerializeOptions(options: SerializeOptions): ClassDecorator & MethodDecorator {
  return ((target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    Reflect.defineMetadata(SERIALIZE_OPTIONS, options, descriptor ? (descriptor.value as object) : target);
  }) as ClassDecorator & MethodDecorator;
}
