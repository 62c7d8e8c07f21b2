import { TenonError } from './tenon.error';
import { CoreErrorCode } from './errors';

/** A class has constructor parameters but no `design:paramtypes` to say what they are. */
export class MissingDesignMetadataError extends TenonError {
  constructor(className: string, parameterCount: number, moduleName: string, path: string[]) {
    super(
      CoreErrorCode.MISSING_DESIGN_METADATA,
      [
        `Cannot see the constructor parameter types of ${className} (${parameterCount} parameter${parameterCount === 1 ? '' : 's'}) in ${moduleName}.`,
        `  Path: ${path.join(' -> ')}`,
        `  Cause: TypeScript decorator metadata (design:paramtypes) was not emitted for ${className}. Either the class lacks @Injectable() (types are only recorded for decorated classes), or it was compiled by a tool that does not emit decorator metadata: esbuild, tsx, Vite/Vitest without an swc plugin, Bun.`,
        `  Fix: add @Injectable() to ${className}; compile with "emitDecoratorMetadata": true (tsc, ts-node, @swc/jest or swc with jsc.transform.decoratorMetadata); or give every parameter an explicit @Inject(token).`,
      ].join('\n'),
    );
  }
}
