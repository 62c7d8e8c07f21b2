import type { PGlite, parse } from '@electric-sql/pglite';
import type { QueryResult } from 'kysely';
import { StatementCache } from './statement-cache';
import { wireProtocol, type BackendMessage, type WireParser, type WireProtocol } from './wire-protocol';

/** What the runner uses of PGlite's module: its row decoding, with PGlite's type parsers. */
export interface PgliteProtocol {
  readonly parse: typeof parse;
}

type Value = string | null;

// Statements whose SQL text is worth preparing (a repository's lookups and writes come back
// with new parameters); DDL, SET, BEGIN and the like run once and stay unnamed.
const PREPARABLE = /^\s*(?:select|insert|update|delete|with)\b/i;
// After these, a prepared SELECT * may no longer match its table: every name is dropped.
const SCHEMA_CHANGE = /^\s*(?:create|alter|drop)\b/i;
// "cached plan must not change result type": a table a prepared statement reads has changed
// shape behind it (a schema change made elsewhere on the same PGlite).
const STALE_PLAN = '0A000';
const CACHE_LIMIT = 256;

/**
 * Runs a statement on PGlite as one wire-protocol message (Parse only the first time its SQL is
 * seen, then Bind, Describe, Execute, Sync) in one synchronous call, under PGlite's own locks.
 * `PGlite.query()` sends the same steps as six separate calls with a promise chain each and
 * parses and plans the SQL every time; here PostgreSQL reuses the plan of the named statement.
 * The result is the same object `query()` returns (PGlite decodes the rows), and an error is
 * the same `DatabaseError`.
 */
export class PgliteStatementRunner {
  private readonly cache = new StatementCache(CACHE_LIMIT);
  // What each named statement returns (its RowDescription, or NoData), learnt on its first run:
  // later runs skip the Describe step. A statement whose result shape changes fails with a
  // stale plan and is prepared anew, under a new name.
  private readonly shapes = new Map<string, BackendMessage>();
  private readonly wire: WireProtocol = wireProtocol();
  private parser: WireParser;
  private readonly persistent: boolean;

  constructor(
    private readonly pglite: PGlite,
    private readonly helpers: PgliteProtocol,
  ) {
    this.parser = new this.wire.Parser();
    const dir = pglite.dataDir;
    this.persistent = dir !== undefined && dir !== '' && !dir.startsWith('memory://');
  }

  /** Whether this PGlite has the protocol entry and the locks the runner needs. */
  static supports(pglite: PGlite): boolean {
    const engine = pglite as Partial<PGlite>;
    return (
      typeof engine.execProtocolRawStream === 'function' &&
      typeof engine._runExclusiveQuery === 'function' &&
      typeof engine._runExclusiveTransaction === 'function'
    );
  }

  /**
   * Runs `sql`, or returns undefined when a parameter needs PGlite's type-aware serializers (a
   * Date, an object, an array, bytes), or PGlite is not open: the caller then uses `query()`.
   * `inTransaction`: the caller already holds PGlite's transaction lock (its `transaction()`).
   * `prelude`: statements without parameters (one simple query) sent ahead of this one in the
   * same call; an error there fails the call (see `executeWithPrelude`).
   */
  run<R>(
    sql: string,
    parameters: readonly unknown[],
    inTransaction: boolean,
    prelude?: string,
  ): Promise<QueryResult<R>> | undefined {
    const values = textValues(parameters);
    if (values === undefined || !this.pglite.ready || this.pglite.closed) return undefined;
    const statement = (): Promise<QueryResult<R>> => {
      try {
        const result = this.execute<R>(sql, values, !inTransaction, prelude);
        return this.persistent && !inTransaction
          ? this.pglite.syncToFs().then(() => result)
          : Promise.resolve(result);
      } catch (error) {
        return Promise.reject(error as Error);
      }
    };
    return inTransaction
      ? this.pglite._runExclusiveQuery(statement)
      : this.pglite._runExclusiveTransaction(() => this.pglite._runExclusiveQuery(statement));
  }

  /**
   * Closes this runner's statements on the session, which outlives the runner when the caller
   * owns the PGlite (a shared one would otherwise gather every closed database's statements).
   */
  release(): Promise<void> {
    const names = this.cache.takeAll();
    if (names.length === 0 || this.pglite.closed) return Promise.resolve();
    const { serialize } = this.wire;
    const message = Buffer.concat([
      ...names.map((name) => serialize.close({ type: 'S', name })),
      serialize.sync(),
    ]);
    return this.pglite._runExclusiveQuery(() =>
      this.pglite.execProtocolRawStream(message, { syncToFs: false, onRawData: ignoreReply }),
    );
  }

  private execute<R>(
    sql: string,
    values: Value[],
    mayRetry: boolean,
    prelude?: string,
  ): QueryResult<R> | Promise<QueryResult<R>> {
    // mayRetry: the caller holds no transaction of its own; the session's transaction status,
    // from ReadyForQuery, also tells about transactions opened by other means (a test's BEGIN).
    const { serialize } = this.wire;
    const cache = this.cache;
    if (SCHEMA_CHANGE.test(sql) || (prelude !== undefined && SCHEMA_CHANGE.test(prelude))) cache.forgetAll();
    const preparable = PREPARABLE.test(sql);
    let name = preparable ? cache.get(sql) : undefined;
    let fresh: string | undefined;
    if (name === undefined) name = preparable ? (fresh = cache.newName()) : '';
    // The prelude is a simple query of its own: PostgreSQL answers it (ReadyForQuery included)
    // before it reads the statement's messages.
    const parts: Uint8Array[] = prelude === undefined ? [] : [serialize.query(prelude)];
    for (const stale of cache.takeStale()) {
      parts.push(serialize.close({ type: 'S', name: stale }));
      this.shapes.delete(stale);
    }
    if (name === '' || fresh !== undefined) parts.push(serialize.parse({ text: sql, name }));
    const shape = name === '' ? undefined : this.shapes.get(name);
    parts.push(serialize.bind({ statement: name, values }));
    if (shape === undefined) parts.push(serialize.describe({ type: 'P' }));
    parts.push(serialize.execute({}), serialize.sync());
    const messages: BackendMessage[] = shape === undefined ? [] : [shape];
    let error: (Error & { code?: string }) | undefined;
    let prepared = false;
    let idle = false;
    let inPrelude = prelude !== undefined;
    let preludeFailed = false;
    let answered = false;
    const onMessage = (message: BackendMessage): void => {
      if (inPrelude) {
        // Its failure aborts the transaction, so the statement fails after it: report the cause.
        if (message.name === 'error') {
          error ??= message as unknown as Error & { code?: string };
          preludeFailed = true;
        } else if (message.name === 'readyForQuery') inPrelude = false;
        return;
      }
      if (message.name === 'error') error ??= message as unknown as Error & { code?: string };
      else if (message.name === 'parseComplete') prepared = true;
      else if (message.name === 'readyForQuery') {
        idle = (message as { status?: string }).status === 'I';
        answered = true;
      } else if (
        shape === undefined &&
        name !== '' &&
        (message.name === 'rowDescription' || message.name === 'noData')
      )
        this.shapes.set(name, message);
      messages.push(message);
    };
    // The stream entry hands each chunk of the reply to us as PostgreSQL writes it, synchronously
    // (the function is async only for its file-system sync, off here). Through
    // execProtocolRawSync, PGlite would also copy the reply into its own buffer and parse it
    // into a list of results that only its query() ever clears: memory that grew with every
    // statement of an application that used nothing else.
    const call = this.pglite.execProtocolRawStream(Buffer.concat(parts), {
      syncToFs: false,
      // A view of PGlite's memory, which its next chunk reuses: the parser may keep a message cut
      // at the end of this one, so it gets a copy.
      onRawData: (chunk) => this.parser.parse(Buffer.from(chunk), onMessage),
    });
    if (!answered) {
      // PGlite failed before PostgreSQL answered (it was closed, say): its error, from the promise.
      // The parser may hold part of a message: the next statement starts on a fresh one.
      this.parser = new this.wire.Parser();
      return call.then(() => {
        throw new Error('PGlite returned no answer to the statement');
      });
    }
    if (fresh !== undefined && prepared) cache.remember(sql, fresh);
    if (error !== undefined) {
      if (error.code === STALE_PLAN && fresh === undefined && preparable && mayRetry && idle) {
        cache.forget(sql);
        return this.execute<R>(sql, values, false);
      }
      // The same extra fields PGlite's query() puts on its errors.
      if (preludeFailed) throw Object.assign(error, { query: prelude, params: [], queryOptions: undefined });
      throw Object.assign(error, { query: sql, params: values, queryOptions: undefined });
    }
    // PGlite's decoder reads the same message shapes (its protocol code is a port of pg-protocol).
    const [result] = this.helpers.parse.parseResults(
      messages as Parameters<PgliteProtocol['parse']['parseResults']>[0],
      this.pglite.parsers,
      { rowMode: 'object' },
    );
    return {
      numAffectedRows: result?.affectedRows != null ? BigInt(result.affectedRows) : undefined,
      rows: (result?.rows ?? []) as R[],
    };
  }
}

/**
 * The parameters as PostgreSQL text, or undefined when one is not a plain value: a Date, a JSON
 * object or array and bytes are encoded by PGlite according to the parameter's type, which only
 * `query()` asks PostgreSQL for.
 */
function textValues(parameters: readonly unknown[]): Value[] | undefined {
  const values = new Array<Value>(parameters.length);
  for (let i = 0; i < parameters.length; i++) {
    const value = parameters[i];
    switch (typeof value) {
      case 'string':
        values[i] = value;
        break;
      case 'number':
      case 'bigint':
      case 'boolean':
        values[i] = String(value);
        break;
      case 'undefined':
        values[i] = null;
        break;
      default:
        if (value !== null) return undefined;
        values[i] = null;
    }
  }
  return values;
}

// The reply to closing statements: nothing to read in it.
function ignoreReply(): void {}
