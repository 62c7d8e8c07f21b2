import { TenonError } from './tenon.error';
import { CoreErrorCode } from './errors';

/** A `providers` entry has neither a class nor a valid provider shape. */
export class InvalidProviderError extends TenonError {
  constructor(moduleName: string, index: number, shape: string, path: string[]) {
    super(
      CoreErrorCode.INVALID_PROVIDER,
      [
        `${moduleName}.providers[${index}] is not a provider: ${shape}.`,
        `  Path: ${path.join(' -> ')}`,
        `  Cause: a provider is a class, or an object with 'provide' and exactly one of useClass, useValue, useFactory, useExisting.`,
        `  Fix: write e.g. { provide: TOKEN, useValue: value } or list the class itself.`,
      ].join('\n'),
    );
  }
}
