import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Type } from '@tenon/core';
import type { ParamMetadata } from '../decorators/param.decorators';
import { HttpErrorCode } from '../errors/errors';
import { BadRequestException, UnsupportedMediaTypeException } from '../exceptions/http-exceptions';
import type { ArgumentMetadata, ExecutionContext, PipeTransform } from '../metadata/enhancer-types';
import { isDtoClass } from '../validation/dto-class';
import { ValidationPipe } from '../validation/validation.pipe';
import { HttpExecutionContext } from './http-execution-context';
import type { ArgumentResolver } from './route-plan';
import { runPipes } from './run-pipes';

// Route parameters are decoded by the router, so `%2F` and `%2E%2E` arrive as "/" and "..":
// refusing them keeps handlers that build file paths or keys from parameters safe by default.
function unsafeParam(name: string, value: unknown): BadRequestException | undefined {
  if (typeof value !== 'string') return undefined;
  const wildcard = name === '*';
  const bad = wildcard
    ? value.split('/').some((s) => s === '..' || s === '.') || value.includes('\\')
    : value.includes('/') || value.includes('\\') || value === '.' || value === '..';
  if (!bad) return undefined;
  return new BadRequestException(
    `The route parameter "${name}" contains an encoded slash, a backslash or a dot segment: encode the value differently (e.g. base64url) or change the route.`,
    { code: HttpErrorCode.BAD_URL },
  );
}

function checkedParam(params: Record<string, unknown>, key: string): unknown {
  const value = params[key];
  const problem = unsafeParam(key, value);
  if (problem) throw problem;
  return value;
}

function checkedParams(params: Record<string, unknown>): Record<string, unknown> {
  for (const key in params) checkedParam(params, key);
  return params;
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json/i;

type Source = (
  request: FastifyRequest,
  reply: FastifyReply,
  context: ExecutionContext | undefined,
) => unknown;

function sourceOf(param: ParamMetadata, controller: Type, handler: Function): Source {
  const key = param.key;
  switch (param.source) {
    case 'body':
      return key === undefined
        ? (req) => req.body
        : (req) => {
            const body = req.body;
            return typeof body === 'object' && body !== null
              ? (body as Record<string, unknown>)[key]
              : undefined;
          };
    case 'query':
      return key === undefined ? (req) => req.query : (req) => (req.query as Record<string, unknown>)[key];
    case 'param':
      return key === undefined
        ? (req) => checkedParams(req.params as Record<string, unknown>)
        : (req) => checkedParam(req.params as Record<string, unknown>, key);
    case 'headers': {
      const lower = key?.toLowerCase();
      return lower === undefined ? (req) => req.headers : (req) => req.headers[lower];
    }
    case 'req':
      return (req) => req;
    case 'res':
      return (_req, reply) => reply;
    case 'ip':
      return (req) => req.ip;
    case 'custom': {
      const factory = param.factory!;
      const data = param.data;
      return (req, reply, context) =>
        factory(data, context ?? new HttpExecutionContext(req, reply, controller, handler));
    }
  }
}

/** What the argument resolver builder needs to know about the route and its pipes. */
export interface ArgumentPlanInput {
  param: ParamMetadata;
  /** `design:paramtypes` of the argument. */
  metatype: Function | undefined;
  /** Global, controller and route pipes (already resolved), then the parameter's own. */
  pipes: PipeTransform[];
  controller: Type;
  handler: Function;
  /** True when Fastify's compiled validator checks this body first (see `ValidationPipe.compiledSchema`). */
  compiledBody: boolean;
  /** The application's `errorFormat`, told to the pipes through their metadata. */
  errorFormat?: 'problem' | 'nest';
}

/**
 * Builds the resolver of one handler argument at boot: where its value comes from, and the
 * pipes it goes through. Pipes that cannot change the value (validation of a non-DTO type)
 * are dropped here, so no request pays for them.
 */
export function buildArgumentResolver(input: ArgumentPlanInput): ArgumentResolver {
  const { param, metatype, controller, handler } = input;
  const source = sourceOf(param, controller, handler);
  if (param.source === 'req' || param.source === 'res' || param.source === 'ip') return source;
  const dto = isDtoClass(metatype);
  const pipes = input.pipes.filter((p) => !(p instanceof ValidationPipe) || dto);
  const type: ArgumentMetadata['type'] = param.source === 'custom' ? 'custom' : param.source;
  const metadata: ArgumentMetadata = { type };
  if (metatype !== undefined) metadata.metatype = metatype;
  if (param.key !== undefined) metadata.data = param.key;
  if (input.errorFormat === 'nest') metadata.errorFormat = 'nest';

  let read: Source = source;
  if (dto && param.source === 'body' && param.key === undefined) {
    // A DTO needs a parsed JSON object: a text or binary body means the client sent the wrong type.
    read = (req) => {
      const body = req.body;
      if (
        Buffer.isBuffer(body) ||
        (typeof body === 'string' && !JSON_TYPE.test(String(req.headers['content-type'])))
      ) {
        throw new UnsupportedMediaTypeException(
          `This endpoint expects a JSON body, but the request's Content-Type is "${String(req.headers['content-type'])}": send Content-Type: application/json.`,
          { code: HttpErrorCode.UNSUPPORTED_MEDIA_TYPE },
        );
      }
      return body;
    };
  }
  if (pipes.length === 0) return read;
  if (input.compiledBody && pipes.length === 1 && pipes[0] instanceof ValidationPipe) {
    const pipe = pipes[0];
    const valid = pipe.validInput(metatype as Function);
    const invalid = pipe.refusedInput(metatype as Function, metadata);
    // Fastify's validator already accepted the body: class-validator would too, so only the
    // instance is built. On failure the pipe's compiled replica of class-validator answers,
    // with an ArgumentRefusal rather than a throw (composeRoute answers it).
    return (req, reply, context) => {
      if (req.validationError === undefined) return valid(req.body as object);
      return invalid(read(req, reply, context));
    };
  }
  if (pipes.length === 1) {
    const pipe = pipes[0]!;
    return (req, reply, context) => pipe.transform(read(req, reply, context), metadata);
  }
  return (req, reply, context) => runPipes(read(req, reply, context), pipes, metadata);
}
