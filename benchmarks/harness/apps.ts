import { join } from 'node:path';

export type AppId = 'tenon' | 'fastify' | 'nest' | 'nest-express';

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
  'nest-express': {
    id: 'nest-express',
    label: 'NestJS (Express)',
    script: join(appsDir, 'nest', 'main.js'),
    args: ['--adapter', 'express'],
    reference: true,
  },
};
