import { TenonError } from './tenon.error';
import { CoreErrorCode } from './errors';

/** A `useFactory` threw or its promise rejected. The original error is the `cause`. */
export class FactoryFailedError extends TenonError {
  constructor(providerName: string, moduleName: string, path: string[], cause: unknown) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(
      CoreErrorCode.FACTORY_FAILED,
      [
        `The factory of ${providerName} in ${moduleName} failed: ${reason}`,
        `  Path: ${path.join(' -> ')}`,
        `  Fix: see the cause below (error.cause); the factory runs at boot, so its inputs (configuration, reachable services) must be ready then.`,
      ].join('\n'),
      { cause },
    );
  }
}
