import 'reflect-metadata';
import { Controller, Get, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { announceReady } from '../../apps/shared/server-args';
import { buildGraph, type GraphDecorators } from '../graph-plan';
import { PROVIDERS_PER_MODULE, bootModules } from './boot-args';

/* The generated app on Nest with the Fastify adapter: create() then listen(), as in Nest's docs. */
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
  const app = await NestFactory.create<NestFastifyApplication>(
    root as new () => object,
    new FastifyAdapter(),
    { logger: false },
  );
  const createdAt = performance.now();
  await app.listen(0, '127.0.0.1');
  const listenAt = performance.now();
  const port = (app.getHttpServer().address() as AddressInfo).port;
  announceReady({ port, createdAt, createMs: createdAt - start, listenAt }, () => app.close());
}

void main();
