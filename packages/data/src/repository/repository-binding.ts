import type { Database } from '../connection/database';

/** @internal How a repository is bound to a database outside dependency injection. */
export const BIND_DATABASE = Symbol('tenon:data:bindDatabase');

export interface BindableRepository {
  [BIND_DATABASE](database: Database): void;
}
