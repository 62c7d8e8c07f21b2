import { lazyModule } from './lazy-module';

const httpPackage = lazyModule<typeof import('@tenon/http')>('@tenon/http');

/**
 * @tenon/http where it is installed (an optional peer): it owns `@UseGuards` & co., the health
 * and metrics modules that messaging joins. `undefined` without it: then no handler can carry
 * its decorators and no application can have its modules.
 */
export function optionalHttp(): typeof import('@tenon/http') | undefined {
  try {
    return httpPackage();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}
