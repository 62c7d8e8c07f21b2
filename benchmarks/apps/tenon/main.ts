import 'reflect-metadata';
import { Module, type DynamicModule, type ModuleImport } from '@tenon/core';
import { HttpApplication, compileDtoSchema } from '@tenon/http';
import { CreateUserDto } from '../shared/create-user.dto';
import { announceReady, parseServerArgs, type ServerArgs } from '../shared/server-args';
import { HttpScenariosModule } from './http-scenarios.module';
import { WorldModule } from './world.module';

/*
 * Tenon as its README shows it: HttpApplication.create() then listen(). Logging off (Fastify's and
 * the application's) and no OpenAPI document, since the peers serve none. Validation is Tenon's
 * default ValidationPipe (whitelist on).
 */
@Module({})
class AppModule {
  static register(args: ServerArgs): DynamicModule {
    const imports: ModuleImport[] = [];
    if (args.http) imports.push(HttpScenariosModule);
    if (args.db) imports.push(WorldModule.forRoot(args.db));
    return { module: AppModule, imports };
  }
}

/** Whether POST /users is checked by Fastify's compiled schema or by class-validator, and why. */
function validationNotes(app: HttpApplication): string[] {
  const route = app.compiledRoutes.find(
    (r) => r.definition.method === 'POST' && r.definition.path === '/users',
  );
  if (!route) return [];
  if (route.compiledBody)
    return ["Tenon checks POST /users bodies with Fastify's compiled JSON schema (from the DTO)."];
  const reasons = compileDtoSchema(CreateUserDto, {}).reasons.join('; ');
  return [`Tenon checks POST /users bodies with class-validator, not a compiled schema, because ${reasons}.`];
}

async function main(): Promise<void> {
  const args = parseServerArgs();
  const start = performance.now();
  // The peers send no security headers and no request id header: like logging, Tenon's are off
  // here so that every app writes the same response. With --defaults, everything but logging is as
  // Tenon ships it (security headers, request ids, the OpenAPI document), against raw Fastify +
  // @fastify/helmet.
  const app = await HttpApplication.create(
    AppModule.register(args),
    args.defaults
      ? { logger: false, context: { logger: false } }
      : { logger: false, openapi: false, helmet: false, requestIdHeader: false, context: { logger: false } },
  );
  const createdAt = performance.now();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const listenAt = performance.now();
  const address = app.fastify.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  announceReady({ port, createdAt, createMs: createdAt - start, listenAt, notes: validationNotes(app) }, () =>
    app.close(),
  );
}

void main();
