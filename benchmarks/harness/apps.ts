import { join } from 'node:path';

export type AppId = 'tenon' | 'fastify' | 'nest' | 'nest-express' | 'tenon-defaults' | 'fastify-helmet';

/** One contender: its server script and arguments. */
export interface AppDefinition {
  id: AppId;
  label: string;
  script: string;
  args: string[];
  /** A reference row: measured, but no target is computed against it. */
  reference: boolean;
}

const appsDir = join(__dirname, '..', 'apps');

export const APPS: Record<AppId, AppDefinition> = {
  tenon: {
    id: 'tenon',
    label: 'Tenon',
    script: join(appsDir, 'tenon', 'main.js'),
    args: [],
    reference: false,
  },
  fastify: {
    id: 'fastify',
    label: 'raw Fastify',
    script: join(appsDir, 'fastify', 'main.js'),
    args: [],
    reference: false,
  },
  nest: {
    id: 'nest',
    label: 'NestJS (Fastify)',
    script: join(appsDir, 'nest', 'main.js'),
    args: ['--adapter', 'fastify'],
    reference: false,
  },
  // The "defaults" pair: Tenon as `HttpApplication.create(AppModule)` ships it (security headers,
  // request ids, the OpenAPI document) against raw Fastify with @fastify/helmet.
  'tenon-defaults': {
    id: 'tenon-defaults',
    label: 'Tenon, defaults',
    script: join(appsDir, 'tenon', 'main.js'),
    args: ['--defaults'],
    reference: false,
  },
  'fastify-helmet': {
    id: 'fastify-helmet',
    label: 'raw Fastify + @fastify/helmet',
    script: join(appsDir, 'fastify', 'main.js'),
    args: ['--helmet'],
    reference: false,
  },
  'nest-express': {
    id: 'nest-express',
    label: 'NestJS (Express)',
    script: join(appsDir, 'nest', 'main.js'),
    args: ['--adapter', 'express'],
    reference: true,
  },
};
