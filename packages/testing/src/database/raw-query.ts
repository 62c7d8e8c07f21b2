import type { CompiledQuery } from 'kysely';

let sequence = 0;

/**
 * A compiled statement without parameters, for the few the test transaction issues itself.
 * Drivers read only `sql` and `parameters`; the node tree is the one `CompiledQuery.raw()` builds,
 * written out so that this package needs no runtime import of kysely.
 */
export function rawQuery(text: string): CompiledQuery {
  return {
    sql: text,
    parameters: [],
    query: { kind: 'RawNode', sqlFragments: [text], parameters: [] },
    queryId: { queryId: `tenon-test-${++sequence}` },
  } as unknown as CompiledQuery;
}
