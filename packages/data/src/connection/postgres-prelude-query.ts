import type { QueryResult as PgResult } from 'pg';
import type { PgQueryClass } from './postgres-prepared-client';
import { preparedName, refusePrepared } from './prepared-statement-names';

type Query = (config: unknown) => unknown;
type Done = (error: Error | undefined, result?: PgResult | PgResult[]) => void;
type Callback = (error: Error | null, result?: PgResult | PgResult[]) => void;
/** `inPrelude`: the error came from a prelude statement, and the statement did not run. */
type PreludeCallback = (
  error: Error | null,
  result: PgResult | PgResult[] | undefined,
  inPrelude: boolean,
) => void;

/** What pg's Connection offers that the prelude writes with. */
interface PgConnection {
  parse(message: { text: string; name?: string }): void;
  bind(message: object): void;
  execute(message: object): void;
  submittedNamedStatements: Record<string, string | undefined>;
}

/** The parts of pg's `Query` (pg 8) that a query with a prelude changes; see pg's lib/query.js. */
interface PgQueryInternals {
  callback?: Callback;
  prepare(connection: PgConnection): void;
  handleRowDescription(message: unknown): void;
  handleDataRow(message: unknown): void;
  handleCommandComplete(message: unknown, connection: PgConnection): void;
  handleEmptyQuery(connection: PgConnection): void;
  handleError(error: Error, connection: PgConnection): void;
  handleReadyForQuery(connection: PgConnection): void;
}
type PgQueryBase = new (text: string, values: unknown[]) => PgQueryInternals;
type PreludeQueryClass = new (
  text: string,
  values: unknown[],
  name: string | undefined,
  prelude: readonly string[],
  callback: PreludeCallback,
) => object;

// "cached plan must not change result type" (see runStatement).
const STALE_PLAN = '0A000';

/**
 * The statements of a prelude: its text split on `;`, blank parts dropped. A prelude is a list
 * of simple statements, without `;` inside literals or identifiers and without comments.
 */
export function splitPrelude(prelude: string): string[] {
  return prelude
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Runs the prelude's statements and then `text` in one round trip, as `runStatement` would run
 * `text` alone (prepared under its name when the repositories compiled it). With parameters or
 * a name: each prelude statement as an unnamed Parse, Bind, Execute, then the statement's own
 * messages and a single Sync; an error anywhere makes the server skip to the Sync, so the call
 * fails with the first error and a failed prelude leaves the statement unrun. Without either,
 * pg sends the statement as a simple query: the prelude goes in front of it in the same text.
 *
 * A stale prepared plan (the statement, not the prelude, failed) is retried unnamed, prelude
 * included: outside a transaction the failure rolled the prelude back with the statement (they
 * share the implicit transaction up to the Sync); inside one, the retry fails and the first
 * error is reported, as without a prelude.
 */
export function runWithPrelude(
  query: Query,
  PgQuery: PgQueryClass,
  prelude: readonly string[],
  text: string,
  values: readonly unknown[],
  done: Done,
): void {
  const name = preparedName(text);
  const PreludeQuery = preludeQueryClass(PgQuery);
  query(
    new PreludeQuery(text, values as unknown[], name, prelude, (error, result, inPrelude) => {
      if (error === null) return done(undefined, result);
      const stale = name !== undefined && !inPrelude && (error as { code?: unknown }).code === STALE_PLAN;
      if (!stale) return done(error);
      refusePrepared(text);
      query(
        new PreludeQuery(text, values as unknown[], undefined, prelude, (retryError, retried) =>
          retryError ? done(error) : done(undefined, retried),
        ),
      );
    }),
  );
}

const classes = new WeakMap<PgQueryClass, PreludeQueryClass>();

function preludeQueryClass(PgQuery: PgQueryClass): PreludeQueryClass {
  let found = classes.get(PgQuery);
  if (found === undefined)
    classes.set(PgQuery, (found = definePreludeQuery(PgQuery as unknown as PgQueryBase)));
  return found;
}

/**
 * pg's `Query`, with the prelude's messages written ahead of its own and their replies
 * (ParseComplete, BindComplete, rows, CommandComplete) kept out of its result. The class is
 * made from the `Query` of the pg the application loaded.
 */
function definePreludeQuery(Base: PgQueryBase): PreludeQueryClass {
  return class PreludeQuery extends Base {
    /** Replies of prelude statements still to come: until then, none is the statement's. */
    private pending = 0;
    private statementName: string | undefined;
    private inPrelude = false;
    private readonly preludeText: string;

    constructor(
      text: string,
      values: unknown[],
      name: string | undefined,
      private readonly prelude: readonly string[],
      callback: PreludeCallback,
    ) {
      const simple = name === undefined && values.length === 0;
      // pg sends a statement without parameters nor name as a simple query: the prelude then
      // travels in the same text, its results dropped here as in the extended form.
      super(simple ? `${prelude.join('; ')}; ${text}` : text, values);
      this.statementName = name;
      this.preludeText = prelude.join('; ');
      let settled = false;
      // Once: pg also reports a value it could not bind and then the server's answer.
      this.callback = (error, result) => {
        if (settled) return;
        settled = true;
        callback(error, result, this.inPrelude);
      };
      // A simple query is answered as it is parsed: the counting starts at once.
      if (simple) this.pending = prelude.length;
    }

    // pg's client marks `parsedStatements[query.name]` on every ParseComplete it receives: the
    // prelude's (unnamed) must not count for the statement, whose own Parse never runs when
    // the prelude fails. The name shows only outside the prelude's replies.
    get name(): string | undefined {
      return this.pending > 0 ? undefined : this.statementName;
    }

    set name(value: string | undefined) {
      this.statementName = value;
    }

    override prepare(connection: PgConnection): void {
      for (const statement of this.prelude) {
        connection.parse({ text: statement });
        connection.bind({});
        connection.execute({});
      }
      try {
        super.prepare(connection);
      } finally {
        this.pending = this.prelude.length;
      }
    }

    override handleRowDescription(message: unknown): void {
      if (this.pending === 0) super.handleRowDescription(message);
    }

    override handleDataRow(message: unknown): void {
      if (this.pending === 0) super.handleDataRow(message);
    }

    override handleCommandComplete(message: unknown, connection: PgConnection): void {
      if (this.pending > 0) this.pending--;
      else super.handleCommandComplete(message, connection);
    }

    override handleEmptyQuery(connection: PgConnection): void {
      if (this.pending > 0) this.pending--;
      else super.handleEmptyQuery(connection);
    }

    override handleError(error: Error, connection: PgConnection): void {
      if (this.pending > 0) {
        // pg forgets a named statement whose Parse was sent when the query fails, by the name it
        // reads now, which the prelude hides: the statement's Parse was skipped, so forget it.
        if (this.statementName !== undefined) delete connection.submittedNamedStatements[this.statementName];
        this.pending = 0;
        this.inPrelude = true;
        // Tells the prelude's failure from the statement's, as PGlite's runner does.
        if (typeof error === 'object' && error !== null) Object.assign(error, { query: this.preludeText });
      }
      super.handleError(error, connection);
    }
  } as unknown as PreludeQueryClass;
}
