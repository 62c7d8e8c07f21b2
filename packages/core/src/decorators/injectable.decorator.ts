import { INJECTABLE_OPTIONS } from '../metadata/metadata-keys';
import { getClassMetadata } from '../metadata/class-metadata';
import type { Scope } from '../module/scope';

export interface InjectableOptions {
  scope?: Scope;
}

/**
 * Marks a class as a provider. The decorator also makes TypeScript emit the constructor's
 * parameter types, which is how dependencies are found by type.
 *
 * @example
 * @Injectable()
 * export class UsersService {
 *   constructor(private readonly repo: UsersRepository) {}
 * }
 */
export function Injectable(options: InjectableOptions = {}): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(INJECTABLE_OPTIONS, options, target);
  };
}

export function getInjectableOptions(target: Function): InjectableOptions | undefined {
  return getClassMetadata<InjectableOptions>(INJECTABLE_OPTIONS, target);
}
