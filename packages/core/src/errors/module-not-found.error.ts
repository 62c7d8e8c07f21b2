import { TenonError } from './tenon.error';
import { CoreErrorCode } from './errors';

/** `context.select(module)` named a module that is not part of the application. */
export class ModuleNotFoundError extends TenonError {
  constructor(module: string, available: readonly string[]) {
    super(
      CoreErrorCode.MODULE_NOT_FOUND,
      `${module} is not a module of this application, so select() cannot look inside it.\n  Modules: ${available.join(', ')}\n  Fix: select one of these (a dynamic module by the object its forRoot() returned, or by its class).`,
    );
  }
}
