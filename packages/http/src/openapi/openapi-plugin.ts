import type { FastifyInstance } from 'fastify';
import type { CompiledRoute } from '../application/route-compiler';
import type { OpenApiOptions } from './openapi-options';

/** Collects route descriptions for the OpenAPI document. */
export interface OpenApiRegistry {
  describe(route: CompiledRoute): void;
}

export async function registerOpenApi(
  _fastify: FastifyInstance,
  _options: OpenApiOptions,
): Promise<OpenApiRegistry | undefined> {
  return undefined;
}
