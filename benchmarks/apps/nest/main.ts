import 'reflect-metadata';
import { Module, ValidationPipe, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { announceReady, parseServerArgs, type ServerArgs } from '../shared/server-args';
import { HttpScenariosModule } from './http-scenarios.module';
import { WorldModule } from './world.module';

/*
 * NestJS as its documentation recommends for performance (the Fastify adapter), logger off,
 * a global ValidationPipe with whitelist and transform. `--adapter express` gives the reference
 * row on Nest's default platform.
 */
@Module({})
class AppModule {
  static register(args: ServerArgs): DynamicModule {
    const imports: DynamicModule['imports'] = [];
    if (args.http) imports.push(HttpScenariosModule);
    if (args.db) imports.push(WorldModule.forRoot(args.db));
    return { module: AppModule, imports };
  }
}

async function main(): Promise<void> {
  const args = parseServerArgs();
  const start = performance.now();
  const app: INestApplication =
    args.adapter === 'fastify'
      ? await NestFactory.create<NestFastifyApplication>(AppModule.register(args), new FastifyAdapter(), {
          logger: false,
        })
      : await NestFactory.create(AppModule.register(args), { logger: false });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true }));
  const createdAt = performance.now();
  await app.listen(0, '127.0.0.1');
  const listenAt = performance.now();
  const address = app.getHttpServer().address() as { port: number };
  announceReady({ port: address.port, createdAt, createMs: createdAt - start, listenAt }, () => app.close());
}

void main();
