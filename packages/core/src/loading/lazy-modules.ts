/*
 * Dependencies that one feature each needs, loaded on its first use: an application that never
 * validates a config or options class, never writes a log line, never logs in pretty format and never calls `get()` does
 * not pay for loading them at start-up (class-validator alone, with the validator and
 * libphonenumber-js tables it pulls in, is most of what loading @tenon/core used to cost).
 * Node caches modules, so the decorators a user imports from class-validator and the functions
 * read here share one metadata storage.
 */
type ClassValidator = typeof import('class-validator');
type ClassTransformer = typeof import('class-transformer');
type Pino = typeof import('pino');
type PinoPretty = typeof import('pino-pretty');
type Tsyringe = typeof import('tsyringe');

let classValidatorModule: ClassValidator | undefined;
let classTransformerModule: ClassTransformer | undefined;
let pinoModule: Pino | undefined;
let pinoPrettyModule: PinoPretty | undefined;
let tsyringeModule: Tsyringe | undefined;

export function classValidator(): ClassValidator {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (classValidatorModule ??= require('class-validator') as ClassValidator);
}

export function classTransformer(): ClassTransformer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (classTransformerModule ??= require('class-transformer') as ClassTransformer);
}

export function pino(): Pino {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (pinoModule ??= require('pino') as Pino);
}

export function pinoPretty(): PinoPretty {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (pinoPrettyModule ??= require('pino-pretty') as PinoPretty);
}

export function tsyringe(): Tsyringe {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (tsyringeModule ??= require('tsyringe') as Tsyringe);
}
