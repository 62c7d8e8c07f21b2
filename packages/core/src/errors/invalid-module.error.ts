import { TenonError } from './tenon.error';
import { CoreErrorCode } from './errors';
import { tokenName } from '../metadata/token';

/** Something in `imports` is not a module. */
export class InvalidModuleError extends TenonError {
  constructor(entry: unknown, where: string, path: string[], looksInjectable: boolean) {
    const name = tokenName(entry);
    super(
      CoreErrorCode.INVALID_MODULE,
      [
        `${name} in ${where} is not a module.`,
        `  Path: ${path.join(' -> ')}`,
        `  Cause: imports accept classes decorated with @Module(), dynamic modules ({ module, ... }) and forwardRef(() => Module).`,
        `  Fix: ${looksInjectable ? `${name} is a provider: move it to providers.` : `decorate ${name} with @Module({...}), or remove it from imports.`}`,
      ].join('\n'),
    );
  }
}
