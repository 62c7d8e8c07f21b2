import type * as AjvCompilerModule from '@fastify/ajv-compiler';
import { lazyModule } from '../application/lazy-module';
import { constraintKeywordPlugin } from './constraint-keyword';
import type { JsonSchema } from './json-schema';

/** A compiled validator as Fastify's route `validatorCompiler` expects it. */
export type CompiledValidator = (data: unknown) => boolean;

const ajvCompiler = lazyModule<typeof AjvCompilerModule>('@fastify/ajv-compiler');
// One pool of Ajv instances (keyed by options), made when the first DTO body is compiled.
let factory: AjvCompilerModule.BuildCompilerFromPool | undefined;

/**
 * Builds the Ajv compiler for DTO body schemas. Fastify's defaults coerce types ("5" → 5) and
 * fill defaults, which class-validator never does for bodies, so these options make Ajv
 * accept only what class-validator accepts. `strip` mirrors `whitelist` (unknown properties
 * removed in place); regular expressions use JavaScript's semantics, as class-validator does.
 */
export function bodyValidatorCompiler(strip: boolean): (route: { schema: JsonSchema }) => CompiledValidator {
  const compile = (factory ??= ajvCompiler().AjvCompiler())(
    {},
    {
      customOptions: {
        coerceTypes: false,
        useDefaults: false,
        removeAdditional: strip ? 'all' : false,
        allErrors: false,
        unicodeRegExp: false,
        // JSON.parse turns 1e400 into Infinity: class-validator's number and integer checks
        // refuse it (and NaN), so Ajv must too.
        strictNumbers: true,
        strict: false,
      },
      plugins: [constraintKeywordPlugin],
    },
  );
  return (route) =>
    compile({ schema: route.schema, method: 'POST', url: '', httpPart: 'body' }) as CompiledValidator;
}
