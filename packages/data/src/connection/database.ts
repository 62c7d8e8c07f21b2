import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, sql, type CompiledQuery, type Driver, type LogEvent, type QueryResult } from 'kysely';
import {
  connectionFailed,
  databaseClosed,
  describeTarget,
  redactUrl,
  type ConnectionTarget,
} from '../errors/connection.errors';
import { ClosedGuardPlugin } from './closed-guard.plugin';
import { DataError } from '../errors/data.error';
import type { TransactionFlow } from '../transaction/transaction-flow';
import { TransactionManager } from '../transaction/transaction-manager';
import { ConnectionGate } from './connection-gate';
import type { ConnectionOptions } from './connection-options';
import { createDialect } from './create-dialect';
import { mapDriver } from './delegating-driver';
import { parseDatabaseUrl, type ParsedDatabaseUrl } from './database-url';
import { capabilitiesOf, type DialectCapabilities } from './dialect-capabilities';
import type { DynamicSchema } from './dynamic-schema';
import type { RequireFn } from './load-peer';
import { GuardedDialect } from './guarded-dialect';
import { RUN_COMPILED, type DirectExecution } from './direct-execution';
import { BIND_DATABASE, type BindableRepository } from '../repository/repository-binding';

/**
 * Who is acting, for `@CreatedBy` / `@LastModifiedBy`. Provide it under `AUDITOR_PROVIDER`
 * (or pass `auditor` to `DataModule.forRoot`). Make it request-scoped and inject what names the
 * caller (`REQUEST`, a request-scoped user): every route that reaches a repository then gets a
 * request scope, whatever `requestScope` says. Reading `currentRequestContext()` instead finds
 * nothing in routes that run without a scope (the default on Node 20 and 22).
 *
 * @example
 * @Injectable({ scope: Scope.REQUEST })
 * class CurrentUserAuditor implements AuditorProvider {
 *   constructor(@Inject(REQUEST) private readonly request: FastifyRequest) {}
 *   getCurrentAuditor() { return String(this.request.headers['x-user'] ?? 'system'); }
 * }
 */
export interface AuditorProvider {
  getCurrentAuditor(): unknown;
}

/** One executed statement, for {@link DatabaseOptions.log}. */
export interface QueryLogEvent {
  sql: string;
  parameters: readonly unknown[];
  durationMs: number;
  /** Set when the statement failed. */
  error?: unknown;
}

/** Options of {@link Database.connect}. */
export interface DatabaseOptions extends ConnectionOptions {
  /** Called after every statement (SQL text and parameters): logging, metrics, query counting in tests. */
  log?: (event: QueryLogEvent) => void;
  /** Fills `@CreatedBy` / `@LastModifiedBy` columns. */
  auditor?: AuditorProvider;
  /** @internal Lets tests simulate a missing driver package. */
  requireFn?: RequireFn;
  /**
   * Wraps the Kysely driver the dialect creates. Tenon's own guard (connection errors, closed
   * database, single-connection gate) stays outside the wrapper. `@tenon/testing` uses it to run
   * each test in a transaction that is rolled back.
   *
   * @example
   * await Database.connect({ wrapDriver: (driver) => new CountingDriver(driver) });
   */
  wrapDriver?: (driver: Driver) => Driver;
}

/**
 * One database: a Kysely instance on a guarded dialect, its capabilities and its transaction
 * manager. `DataModule` creates one per application; scripts and tests can create their own.
 *
 * @example
 * const database = await Database.connect({ url: 'pglite://memory' });
 * const todos = database.repository(TodoRepository);
 * await todos.save({ title: 'write docs' });
 * await database.close();
 */
export class Database implements DirectExecution {
  /** The root Kysely instance (outside any transaction). Prefer {@link executor}. */
  readonly kysely: Kysely<DynamicSchema>;
  readonly capabilities: DialectCapabilities;
  readonly transactions: TransactionManager;
  /** The URL with its password replaced by `***`. */
  readonly url: string;
  auditor: AuditorProvider | undefined;
  private readonly target: ConnectionTarget;
  private closing: Promise<void> | undefined;
  // Undefined when a query log is set: then every statement goes through Kysely, which logs it.
  private readonly direct: GuardedDialect | undefined;

  /** Creates the database without connecting; the first query connects. Prefer {@link connect}. */
  constructor(options: DatabaseOptions = {}) {
    const parsed: ParsedDatabaseUrl = parseDatabaseUrl(options.url);
    this.url = redactUrl(parsed.url);
    this.capabilities = capabilitiesOf(parsed.dialect);
    this.target = {
      dialect: parsed.dialect,
      ...(parsed.host !== undefined ? { host: parsed.host, port: parsed.port! } : {}),
      ...(parsed.location !== undefined ? { location: parsed.location } : {}),
    };
    this.auditor = options.auditor;
    const flows = new AsyncLocalStorage<TransactionFlow>();
    const created = createDialect(parsed, options, options.requireFn);
    const { wrapDriver } = options;
    const dialect = new GuardedDialect(wrapDriver ? mapDriver(created, wrapDriver) : created, {
      target: this.target,
      gate: this.capabilities.singleConnection ? new ConnectionGate() : undefined,
      flows,
      isClosed: () => this.closing !== undefined,
    });
    const log = options.log;
    this.direct = log === undefined ? dialect : undefined;
    this.kysely = new Kysely<DynamicSchema>({
      dialect,
      plugins: [
        new ClosedGuardPlugin(
          () => this.closing !== undefined,
          () => databaseClosed(this.target),
        ),
      ],
      ...(log
        ? {
            log: (event: LogEvent) =>
              log({
                sql: event.query.sql,
                parameters: event.query.parameters,
                durationMs: event.queryDurationMillis,
                ...(event.level === 'error' ? { error: event.error } : {}),
              }),
          }
        : {}),
    });
    this.transactions = new TransactionManager(this.kysely, this.capabilities, flows);
  }

  /**
   * Creates the database and checks it answers (`select 1`), so a wrong URL or a stopped server
   * fails at boot with a coded error naming host and port.
   */
  static async connect(options: DatabaseOptions = {}): Promise<Database> {
    const database = new Database(options);
    try {
      await database.ping();
    } catch (error) {
      await database.close().catch(() => undefined);
      throw error instanceof DataError ? error : connectionFailed(database.target, error);
    }
    return database;
  }

  /** A readable name for messages and health details: `postgres at db:5432`. */
  get description(): string {
    return describeTarget(this.target);
  }

  get closed(): boolean {
    return this.closing !== undefined;
  }

  /** The executor for the current async flow: the open transaction's, or the root one. */
  executor(): Kysely<DynamicSchema> {
    return this.transactions.executor();
  }

  /** @internal See {@link DirectExecution}. */
  [RUN_COMPILED]<R>(compiled: CompiledQuery): Promise<QueryResult<R>> | undefined {
    return this.direct?.run<R>(compiled);
  }

  /** Runs `select 1`. */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.kysely);
  }

  /**
   * A repository bound to this database, for use outside dependency injection (scripts, tests).
   *
   * @example
   * const todos = database.repository(TodoRepository);
   */
  repository<R extends object>(type: new () => R): R {
    const repository = new type();
    (repository as unknown as BindableRepository)[BIND_DATABASE](this);
    return repository;
  }

  /** Closes the pool (or the embedded engine). Safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= this.kysely.destroy();
    return this.closing;
  }
}
