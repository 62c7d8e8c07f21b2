import { TenonError } from './tenon.error';
import { CoreErrorCode } from './errors';

/** A module exports something it neither provides nor imports. */
export class InvalidExportError extends TenonError {
  constructor(moduleName: string, exported: string, path: string[], isModule: boolean) {
    const fix = isModule
      ? `add ${exported} to ${moduleName}.imports, or remove it from ${moduleName}.exports.`
      : `add ${exported} to ${moduleName}.providers, import a module that exports it, or remove it from ${moduleName}.exports.`;
    super(
      CoreErrorCode.INVALID_EXPORT,
      [
        isModule
          ? `${moduleName} exports ${exported}, a module it does not import.`
          : `${moduleName} exports ${exported}, which it neither provides nor re-exports from an import.`,
        `  Path: ${path.join(' -> ')}`,
        `  Fix: ${fix}`,
      ].join('\n'),
    );
  }
}
