import 'reflect-metadata';
import { Module, type DynamicModule, type ModuleImport } from '@tenon/core';
import { HttpApplication } from '@tenon/http';
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

async function main(): Promise<void> {
  const args = parseServerArgs();
  const start = performance.now();
  const app = await HttpApplication.create(AppModule.register(args), {
    logger: false,
    openapi: false,
    context: { logger: false },
  });
  const createdAt = performance.now();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const listenAt = performance.now();
  const address = app.fastify.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  announceReady({ port, createdAt, createMs: createdAt - start, listenAt }, () => app.close());
}

void main();
