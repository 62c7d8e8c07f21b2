import fc from 'fast-check';

/**
 * The generated input is a description (kinds, sizes, indexes), not the bytes themselves: huge
 * and deeply nested values are built only when a case is sent, and a failing case prints short.
 */

/** A value put where the application expects a field. */
export type FuzzValue =
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; value: string }
  | { kind: 'raw'; text: string }
  | { kind: 'huge-string'; size: number }
  | { kind: 'huge-array'; size: number }
  | { kind: 'deep'; depth: number; open: '[' | '{' };

export type Mutation =
  | { op: 'replace'; leaf: number; value: FuzzValue }
  | { op: 'delete'; leaf: number }
  | { op: 'add-key'; leaf: number; key: string; value: FuzzValue }
  | { op: 'unwrap' }
  | { op: 'wrap-array' };

export type BodySpec =
  | { kind: 'none' }
  | { kind: 'template'; mutations: Mutation[]; contentType: string | undefined }
  | { kind: 'value'; value: FuzzValue; contentType: string | undefined }
  | { kind: 'malformed'; cut: number; insert: string }
  | { kind: 'bytes'; bytes: readonly number[]; contentType: string | undefined }
  | { kind: 'proto'; key: string; depth: number; payload: string }
  | { kind: 'empty'; contentType: string };

export type PathParamSpec =
  | { kind: 'valid' }
  | { kind: 'text'; value: string }
  | { kind: 'raw'; value: string }
  | { kind: 'long'; size: number };

export interface QueryPair {
  key: string;
  value: string;
  /** Already percent-encoded (possibly badly, on purpose). */
  raw: boolean;
}

export type AuthSpec = 'valid' | 'none' | 'garbage' | 'bearer' | 'alg-none' | 'wrong-signature' | 'expired';

export interface FuzzCase {
  route: number;
  method: string | undefined;
  params: PathParamSpec[];
  query: QueryPair[];
  headers: [string, string][];
  body: BodySpec;
  auth: AuthSpec;
}

const CONTROL = fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c));

/** Strings that break naive code: control characters, NUL, RTL marks, lone surrogates, emoji, quotes. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .array(
      fc.oneof(
        CONTROL,
        fc.constantFrom(
          '\u0000',
          '\u202e',
          '\ud800',
          '\udfff',
          '\ufeff',
          '💥',
          '"',
          "'",
          '\\',
          '%',
          '<script>',
          '${x}',
          ' ',
        ),
      ),
      { maxLength: 30 },
    )
    .map((a) => a.join('')),
  fc.constantFrom(
    '',
    ' ',
    '   ',
    'null',
    'undefined',
    'true',
    '0',
    '-1',
    'NaN',
    'Infinity',
    '1e400',
    "' or 1=1 --",
    '"; drop table users; --',
    '../../etc/passwd',
    'a@b',
    'x'.repeat(256),
  ),
);

/** Numbers written as raw JSON text: JSON.parse turns `1e400` into Infinity, `-0` into -0. */
const rawNumber = fc.constantFrom(
  '1e400',
  '-1e400',
  '-0',
  '1.0',
  '0.5',
  '9007199254740993',
  '1e-400',
  '-1',
  '2147483648',
  '1E2',
  '00',
  '0x10',
);

export const fuzzValue: fc.Arbitrary<FuzzValue> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ kind: 'json' as const, value })) },
  { weight: 4, arbitrary: nastyString.map((value) => ({ kind: 'text' as const, value })) },
  { weight: 2, arbitrary: rawNumber.map((text) => ({ kind: 'raw' as const, text })) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1_000, max: 2_000_000 })
      .map((size) => ({ kind: 'huge-string' as const, size })),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1_000, max: 100_000 })
      .map((size) => ({ kind: 'huge-array' as const, size })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        depth: fc.integer({ min: 10, max: 20_000 }),
        open: fc.constantFrom('[' as const, '{' as const),
      })
      .map((d) => ({ kind: 'deep' as const, ...d })),
  },
);

const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=UTF-8',
  'APPLICATION/JSON',
  'application/problem+json',
  'application/vnd.api+json',
];
const OTHER_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/json; charset=utf-16',
  'application/octet-stream',
  'json',
  '*/*',
  'application/json, text/plain',
  'application/jsonp',
];

export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...JSON_TYPES) },
  { weight: 3, arbitrary: fc.constantFrom(...OTHER_TYPES) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: nastyString.filter((s) => /^[\t\x20-\x7e]*$/.test(s)) },
);

const leaf = fc.nat({ max: 1_000 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('replace' as const), leaf, value: fuzzValue }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), leaf }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('add-key' as const),
      leaf,
      key: fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom(
          '__proto__',
          'constructor',
          'prototype',
          'id',
          'version',
          'admin',
          'toString',
          'hasOwnProperty',
          'valueOf',
        ),
      ),
      value: fuzzValue,
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'unwrap' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'wrap-array' as const }) },
);

export const bodySpec: fc.Arbitrary<BodySpec> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('template' as const),
      mutations: fc.array(mutation, { minLength: 0, maxLength: 3 }),
      contentType,
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('value' as const), value: fuzzValue, contentType }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('malformed' as const),
      cut: fc.nat({ max: 200 }),
      insert: fc.oneof(
        fc.string({ maxLength: 5 }),
        fc.constantFrom('', ',', '}', ']', '"', '\\', '\u0000', 'NaN', "'", '//', '/*'),
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('bytes' as const),
      bytes: fc.oneof(
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }),
        // Invalid UTF-8 inside an otherwise valid JSON string.
        fc.constantFrom<readonly number[]>(
          [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d],
          [0x22, 0xff, 0xfe, 0x22],
          [0xef, 0xbb, 0xbf, 0x7b, 0x7d],
          [0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d],
        ),
      ),
      contentType,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('proto' as const),
      key: fc.constantFrom(
        '__proto__',
        'constructor',
        'prototype',
        '\\u005f_proto__',
        '__pro\\u0074o__',
        'constructor\\u0000',
      ),
      depth: fc.integer({ min: 0, max: 4 }),
      payload: fc.constantFrom(
        '{"polluted":"yes"}',
        '{"prototype":{"polluted":"yes"}}',
        '{"isAdmin":true}',
        '"x"',
        '[1]',
        'null',
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('empty' as const),
      contentType: fc.constantFrom(...JSON_TYPES),
    }),
  },
);

export const pathParam: fc.Arbitrary<PathParamSpec> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'valid' as const }) },
  { weight: 4, arbitrary: nastyString.map((value) => ({ kind: 'text' as const, value })) },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(
        '%',
        '%FF',
        '%C0%AE',
        '%2F',
        '%2e%2e',
        '..',
        '.',
        '%00',
        'a%2Fb',
        '%E0%A4%A',
        '%5C',
        '99999999999999999999',
        '-1',
        '0',
        '1.5',
        '0x10',
        '1e3',
        '%20',
        '+',
        'NaN',
        '%u0041',
      )
      .map((value) => ({ kind: 'raw' as const, value })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 300, max: 20_000 }).map((size) => ({ kind: 'long' as const, size })),
  },
);

const KNOWN_QUERY = ['limit', 'offset', 'tag', 'author', 'favorited', 'page', 'size', 'done', 'q'];

export const queryPair: fc.Arbitrary<QueryPair> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      key: fc.oneof(
        fc.constantFrom(...KNOWN_QUERY),
        fc.string({ maxLength: 8 }),
        fc.constantFrom(
          '__proto__',
          'constructor',
          '__proto__[polluted]',
          'constructor[prototype][polluted]',
          'limit[]',
          'a[b]',
        ),
      ),
      value: fc.oneof(
        nastyString,
        fc.integer().map(String),
        rawNumber,
        fc.constantFrom('true', 'false', 'TRUE', '1', ''),
      ),
      raw: fc.constant(false),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      key: fc.constantFrom(...KNOWN_QUERY),
      value: fc.constantFrom('%', '%FF', '%00', '%E2%80%AE', '%C0%80', '%%', '%zz', 'a=b=c', '%26', '%3D'),
      raw: fc.constant(true),
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ key: fc.constantFrom(...KNOWN_QUERY), size: fc.integer({ min: 1_000, max: 60_000 }) })
      .map(({ key, size }) => ({ key, value: 'x'.repeat(size), raw: false })),
  },
);

const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);
const headerValue = fc.oneof(
  fc.string({ unit: 'binary-ascii', maxLength: 40 }).filter((v) => /^[\t\x20-\x7e]*$/.test(v)),
  fc.integer({ min: 1_000, max: 8_000 }).map((n) => 'v'.repeat(n)),
  fc.constantFrom(
    '',
    ' ',
    'gzip',
    'deflate',
    'br',
    'chunked',
    'identity',
    '*/*',
    'application/xml',
    'text/html',
    '../../x',
    'a'.repeat(200),
  ),
);

export const extraHeaders: fc.Arbitrary<[string, string][]> = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: fc.tuple(headerName, headerValue) },
    {
      weight: 2,
      arbitrary: fc.tuple(
        fc.constantFrom(
          'accept',
          'accept-encoding',
          'content-encoding',
          'x-request-id',
          'origin',
          'x-forwarded-for',
          'host',
          'accept-language',
          'if-none-match',
          'range',
          'expect',
        ),
        headerValue,
      ),
    },
  ),
  { maxLength: 3 },
);

export const authSpec: fc.Arbitrary<AuthSpec> = fc.oneof(
  { weight: 6, arbitrary: fc.constant('valid' as const) },
  { weight: 2, arbitrary: fc.constant('none' as const) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'garbage' as const,
      'bearer' as const,
      'alg-none' as const,
      'wrong-signature' as const,
      'expired' as const,
    ),
  },
);

/** A whole case against one of `routeCount` routes. */
export function fuzzCase(routeCount: number): fc.Arbitrary<FuzzCase> {
  return fc.record({
    route: fc.nat({ max: routeCount - 1 }),
    // Mostly the route's own method; sometimes another one (405 handling).
    method: fc.oneof(
      { weight: 9, arbitrary: fc.constant(undefined) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'GET',
          'POST',
          'PUT',
          'PATCH',
          'DELETE',
          'OPTIONS',
          'HEAD',
          'TRACE',
          'PROPFIND',
        ),
      },
    ),
    params: fc.array(pathParam, { minLength: 3, maxLength: 3 }),
    query: fc.array(queryPair, { maxLength: 4 }),
    headers: extraHeaders,
    body: bodySpec,
    auth: authSpec,
  });
}
