import 'reflect-metadata';
import { Injectable, Module } from '@tenon/core';
import { Controller, Get, HttpApplication } from '@tenon/http';
import { announceReady } from '../../apps/shared/server-args';
import { buildGraph, type GraphDecorators } from '../graph-plan';
import { PROVIDERS_PER_MODULE, bootModules } from './boot-args';

/* The generated app on Tenon: HttpApplication.create() then listen(), logging and OpenAPI off as in the Nest app. */
async function main(): Promise<void> {
  const root = buildGraph(
    { modules: bootModules(), providersPerModule: PROVIDERS_PER_MODULE, controllers: true },
    {
      Injectable: () => Injectable(),
      Module: (metadata) => Module(metadata as Parameters<typeof Module>[0]),
      Controller: (path) => Controller(path),
      Get: () => Get(),
    } as GraphDecorators,
  );
  const start = performance.now();
  const app = await HttpApplication.create(root as Parameters<typeof HttpApplication.create>[0], {
    logger: false,
    openapi: false,
    // The peers register no security headers: off here too, so that every app boots the same work.
    helmet: false,
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
