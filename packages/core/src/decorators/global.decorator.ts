import { GLOBAL_MODULE } from '../metadata/metadata-keys';

/**
 * Makes a module's exports visible to every module without an import.
 *
 * @example
 * @Global()
 * @Module({ providers: [Clock], exports: [Clock] })
 * export class ClockModule {}
 */
export function Global(): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(GLOBAL_MODULE, true, target);
  };
}

export function isGlobalModule(target: Function): boolean {
  return Reflect.getOwnMetadata(GLOBAL_MODULE, target) === true;
}
