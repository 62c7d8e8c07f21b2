import { CHAIN_ID, HELLO_BODY, INVALID_USER, VALID_USER } from '../apps/shared/payloads';
import { WORLD_ROWS } from '../apps/shared/world';
import type { AppId } from './apps';

export type ScenarioGroup = 'http' | 'pglite' | 'postgres';

/** Tenon's targets, as ratios of requests per second (issue 17: judged on wrk's rounds). */
export interface Targets {
  fastify?: number;
  nest?: number;
  /** Tenon with its shipped defaults against raw Fastify + @fastify/helmet. */
  defaults?: number;
}

export interface Scenario {
  id: string;
  title: string;
  group: ScenarioGroup;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  status: number;
  /** Why a response body is wrong, or undefined when it is right. */
  check(body: string): string | undefined;
  targets: Targets;
  /** Apps that run it, besides Tenon, Fastify and Nest. */
  references: AppId[];
}

function sameJson(expected: unknown): (body: string) => string | undefined {
  const want = JSON.stringify(expected);
  return (body) => {
    try {
      return JSON.stringify(JSON.parse(body)) === want ? undefined : `expected ${want}, got ${body}`;
    } catch {
      return `expected ${want}, got a body that is not JSON: ${body.slice(0, 200)}`;
    }
  };
}

/** Each framework words a 400 its own way; all must name the three invalid fields. */
function namesInvalidFields(body: string): string | undefined {
  const missing = ['name', 'email', 'age'].filter((field) => !body.includes(field));
  // Raw Fastify (Ajv without allErrors) reports the first failure only: one field is enough there.
  return missing.length === 3
    ? `the 400 body names none of name, email, age: ${body.slice(0, 300)}`
    : undefined;
}

function isWorld(value: unknown): boolean {
  const w = value as { id?: unknown; randomNumber?: unknown };
  return (
    typeof w === 'object' &&
    w !== null &&
    Number.isInteger(w.id) &&
    (w.id as number) >= 1 &&
    (w.id as number) <= WORLD_ROWS &&
    Number.isInteger(w.randomNumber) &&
    Object.keys(w).length === 2
  );
}

function worlds(count: number | undefined): (body: string) => string | undefined {
  return (body) => {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return `not JSON: ${body.slice(0, 200)}`;
    }
    if (count === undefined)
      return isWorld(value) ? undefined : `not a world row {id, randomNumber}: ${body.slice(0, 200)}`;
    if (!Array.isArray(value) || value.length !== count)
      return `expected an array of ${count} rows: ${body.slice(0, 200)}`;
    return value.every(isWorld) ? undefined : `not all rows are {id, randomNumber}: ${body.slice(0, 200)}`;
  };
}

const chainBody = { id: CHAIN_ID, c: 'c', b: 'b', a: 'a' };

const HTTP: Scenario[] = [
  {
    id: 'hello',
    title: 'GET /hello',
    group: 'http',
    method: 'GET',
    path: '/hello',
    status: 200,
    check: sameJson(HELLO_BODY),
    targets: { fastify: 0.95, nest: 1.1, defaults: 0.95 },
    references: ['tenon-defaults', 'fastify-helmet', 'nest-express'],
  },
  {
    id: 'post-valid',
    title: 'POST /users, valid body',
    group: 'http',
    method: 'POST',
    path: '/users',
    body: JSON.stringify({ ...VALID_USER, extra: 'stripped' }),
    status: 201,
    check: sameJson(VALID_USER),
    targets: { fastify: 0.92, nest: 2.0, defaults: 0.95 },
    references: ['tenon-defaults', 'fastify-helmet'],
  },
  {
    id: 'post-invalid',
    title: 'POST /users, invalid body (400)',
    group: 'http',
    method: 'POST',
    path: '/users',
    body: JSON.stringify(INVALID_USER),
    status: 400,
    check: namesInvalidFields,
    targets: { fastify: 0.85 },
    references: [],
  },
  {
    id: 'chain',
    title: 'GET /chain/:id, 3 singleton services',
    group: 'http',
    method: 'GET',
    path: `/chain/${CHAIN_ID}`,
    status: 200,
    check: sameJson(chainBody),
    targets: { fastify: 0.93, nest: 1.1 },
    references: [],
  },
  {
    id: 'chain-request',
    title: 'GET /chain-request/:id, one request-scoped service',
    group: 'http',
    method: 'GET',
    path: `/chain-request/${CHAIN_ID}`,
    status: 200,
    check: sameJson(chainBody),
    targets: { fastify: 0.9, nest: 4.0 },
    references: [],
  },
];

function database(group: 'pglite' | 'postgres', label: string): Scenario[] {
  return [
    {
      id: `db-${group}`,
      title: `GET /db, single query (${label})`,
      group,
      method: 'GET',
      path: '/db',
      status: 200,
      check: worlds(undefined),
      targets: { fastify: 0.9, nest: 1.1 },
      references: [],
    },
    {
      id: `queries-${group}`,
      title: `GET /queries?q=20 (${label})`,
      group,
      method: 'GET',
      path: '/queries?q=20',
      status: 200,
      check: worlds(20),
      targets: { fastify: 0.9, nest: 1.1 },
      references: [],
    },
    {
      id: `updates-${group}`,
      title: `GET /updates?q=20 (${label})`,
      group,
      method: 'GET',
      path: '/updates?q=20',
      status: 200,
      check: worlds(20),
      targets: {},
      references: [],
    },
  ];
}

export const SCENARIOS: Scenario[] = [
  ...HTTP,
  ...database('pglite', 'PGlite'),
  ...database('postgres', 'PostgreSQL'),
];

/** The request-scoped chain: its 100,000 requests are the memory scenario. */
export const MEMORY_SCENARIO_ID = 'chain-request';
export const MEMORY_REQUESTS = 100_000;
