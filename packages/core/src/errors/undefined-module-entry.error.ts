import { TenonError } from './tenon.error';
import { CoreErrorCode } from './errors';

/** `imports`, `providers`, `controllers` or `exports` holds `undefined`. */
export class UndefinedModuleEntryError extends TenonError {
  constructor(moduleName: string, field: string, index: number, path: string[]) {
    super(
      CoreErrorCode.UNDEFINED_MODULE_ENTRY,
      [
        `${moduleName}.${field}[${index}] is undefined.`,
        `  Path: ${path.join(' -> ')}`,
        `  Cause: the value was not defined yet when @Module() read it. This is the usual symptom of a circular import between files (A imports B while B imports A), or of a missing export from the imported file.`,
        `  Fix: check that the entry is exported from its file; if two files import each other, write forwardRef(() => TheModule) in ${field}${field === 'imports' ? '' : ' (imports only) or move the class to a file of its own'}.`,
      ].join('\n'),
    );
  }
}
