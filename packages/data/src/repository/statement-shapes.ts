import type { Compilable, Kysely } from 'kysely';
import type { DynamicSchema } from '../connection/dynamic-schema';
import { CompiledStatement } from './compiled-statement';

/** Builds a statement from its parameter values (see CompiledStatement). */
export type BuildStatement = (db: Kysely<DynamicSchema>, parameters: readonly unknown[]) => Compilable;

/**
 * The statements of one kind, compiled once per shape (a key for what changes their SQL), up to
 * `limit` of them. An application asks a few dozen kinds of question, so a bound keeps memory
 * and the server's prepared statements from growing with the variety of calls: past it, a
 * shape gets a statement for one call alone, built per call and not prepared on PostgreSQL.
 */
export class StatementShapes {
  private readonly kept = new Map<string, CompiledStatement>();

  constructor(private readonly limit: number) {}

  /** The statement of this shape; `build` is used only when it is not kept already. */
  statement(key: string, build: BuildStatement): CompiledStatement {
    const cached = this.kept.get(key);
    if (cached !== undefined) return cached;
    if (this.kept.size >= this.limit) return oneOff(build);
    const statement = new CompiledStatement(build);
    this.kept.set(key, statement);
    return statement;
  }
}

/** A statement for one call: built and compiled for it, never prepared on PostgreSQL. */
export function oneOff(build: BuildStatement): CompiledStatement {
  return new CompiledStatement(build, false);
}
