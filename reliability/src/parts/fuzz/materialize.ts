import type { BodySpec, FuzzCase, FuzzValue, Mutation, PathParamSpec, QueryPair } from './arbitraries';

/** One route of an application under test, as its OpenAPI document lists it. */
export interface FuzzRoute {
  method: string;
  /** `/api/articles/{slug}`: parameters in braces. */
  path: string;
  /** A valid body, mutated by the template cases. */
  template?: unknown;
}

export interface BuiltRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

/** Encodes like encodeURIComponent, but keeps going on lone surrogates (which it refuses). */
export function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return Buffer.from(text, 'utf8').toString('hex').replace(/(..)/g, '%$1');
  }
}

/** Raw JSON text for a fuzz value (built here, so huge and deep values cost nothing until sent). */
export function valueText(value: FuzzValue): string {
  switch (value.kind) {
    case 'json':
      return JSON.stringify(value.value) ?? 'null';
    case 'text':
      return JSON.stringify(value.value);
    case 'raw':
      return value.text;
    case 'huge-string':
      return `"${'a'.repeat(value.size)}"`;
    case 'huge-array':
      return `[${new Array<string>(value.size).fill('1').join(',')}]`;
    case 'deep':
      return value.open === '['
        ? `${'['.repeat(value.depth)}${']'.repeat(value.depth)}`
        : `${'{"a":'.repeat(value.depth)}1${'}'.repeat(value.depth)}`;
  }
}

type Json = Record<string, unknown> | unknown[];

function containers(root: unknown): Json[] {
  const out: Json[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    out.push(node as Json);
    for (const child of Object.values(node)) walk(child);
  };
  walk(root);
  return out;
}

function slots(root: unknown): [Json, string][] {
  return containers(root).flatMap((c) => Object.keys(c).map((k) => [c, k] as [Json, string]));
}

/**
 * Applies mutations to a copy of a valid body. Replaced values become placeholders that are
 * swapped for raw JSON text after stringifying (numbers like `1e400` have no JS value that
 * stringifies back to them).
 */
export function mutateTemplate(template: unknown, mutations: readonly Mutation[]): string {
  let body = structuredClone(template) as unknown;
  const raw: string[] = [];
  const placeholder = (value: FuzzValue): string => {
    raw.push(valueText(value));
    return `@@RAW${raw.length - 1}@@`;
  };
  for (const m of mutations) {
    if (m.op === 'unwrap') {
      const inner = typeof body === 'object' && body !== null ? Object.values(body)[0] : undefined;
      if (inner !== undefined) body = inner;
      continue;
    }
    if (m.op === 'wrap-array') {
      body = [body];
      continue;
    }
    if (m.op === 'add-key') {
      const all = containers(body).filter((c) => !Array.isArray(c)) as Record<string, unknown>[];
      const target = all.length > 0 ? all[m.leaf % all.length]! : undefined;
      // defineProperty makes `__proto__` an own key, which JSON.stringify then writes out.
      if (target)
        Object.defineProperty(target, m.key, {
          value: placeholder(m.value),
          enumerable: true,
          configurable: true,
          writable: true,
        });
      continue;
    }
    const all = slots(body);
    if (all.length === 0) continue;
    const [parent, key] = all[m.leaf % all.length]!;
    if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else {
      (parent as Record<string, unknown>)[key] = placeholder(m.value);
    }
  }
  return (JSON.stringify(body) ?? 'null').replace(/"@@RAW(\d+)@@"/g, (_, i: string) => raw[Number(i)]!);
}

function insertKey(text: string, key: string, payload: string, depth: number): string {
  const braces = [...text.matchAll(/\{/g)].map((m) => m.index);
  if (braces.length === 0) return `{"${key}":${payload}}`;
  const at = braces[depth % braces.length]! + 1;
  const rest = text.slice(at);
  return `${text.slice(0, at)}"${key}":${payload}${rest.startsWith('}') ? '' : ','}${rest}`;
}

export function bodyOf(
  spec: BodySpec,
  template: unknown,
): { payload?: string | Buffer; contentType?: string } {
  const base = JSON.stringify(template ?? { name: 'x' });
  switch (spec.kind) {
    case 'none':
      return {};
    case 'template':
      return { payload: mutateTemplate(template ?? { name: 'x' }, spec.mutations), ...ct(spec.contentType) };
    case 'value':
      return { payload: valueText(spec.value), ...ct(spec.contentType) };
    case 'malformed': {
      const cut = spec.cut % Math.max(1, base.length);
      const text =
        spec.cut % 2 === 0
          ? base.slice(0, cut) + spec.insert
          : base.slice(0, cut) + spec.insert + base.slice(cut);
      return { payload: text, contentType: 'application/json' };
    }
    case 'bytes':
      return { payload: Buffer.from(spec.bytes), ...ct(spec.contentType) };
    case 'proto':
      return {
        payload: insertKey(base, spec.key, spec.payload, spec.depth),
        contentType: 'application/json',
      };
    case 'empty':
      return { payload: '', contentType: spec.contentType };
  }
}

function ct(contentType: string | undefined): { contentType?: string } {
  return contentType === undefined ? {} : { contentType };
}

export function paramText(spec: PathParamSpec, valid: string): string {
  switch (spec.kind) {
    case 'valid':
      return encode(valid);
    case 'text':
      return spec.value === '' ? encode(valid) : encode(spec.value);
    case 'raw':
      return spec.value;
    case 'long':
      return 'a'.repeat(spec.size);
  }
}

export function queryText(pairs: readonly QueryPair[]): string {
  return pairs.map((p) => `${encode(p.key)}=${p.raw ? p.value : encode(p.value)}`).join('&');
}

/** Builds the request of a case: route path with parameters, query, headers, body. */
export function buildRequest(
  c: FuzzCase,
  route: FuzzRoute,
  validParam: (name: string) => string,
  authHeader: [string, string] | undefined,
): BuiltRequest {
  let index = 0;
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    paramText(c.params[index++ % c.params.length]!, validParam(name)),
  );
  const query = queryText(c.query);
  const headers: Record<string, string> = {};
  for (const [name, value] of c.headers) headers[name] = value;
  if (authHeader) headers[authHeader[0]] = authHeader[1];
  const { payload, contentType } = bodyOf(c.body, route.template);
  if (contentType !== undefined) headers['content-type'] = contentType;
  else if (payload !== undefined) delete headers['content-type'];
  const request: BuiltRequest = {
    method: c.method ?? route.method,
    url: query ? `${path}?${query}` : path,
    headers,
  };
  if (payload !== undefined) request.payload = payload;
  return request;
}

/** A short, copyable description of a request for reports. */
export function describeRequest(r: BuiltRequest): string {
  const body =
    r.payload === undefined
      ? ''
      : typeof r.payload === 'string'
        ? ` body(${r.payload.length} chars)=${JSON.stringify(r.payload.length > 160 ? `${r.payload.slice(0, 160)}…` : r.payload)}`
        : ` body(bytes)=${r.payload.toString('hex').slice(0, 120)}`;
  const url = r.url.length > 160 ? `${r.url.slice(0, 160)}… (${r.url.length} chars)` : r.url;
  const headers = Object.entries(r.headers)
    .map(([k, v]) => `${k}: ${v.length > 40 ? `${v.slice(0, 40)}… (${v.length} chars)` : v}`)
    .join(' | ');
  return `${r.method} ${url} [${headers}]${body}`;
}
