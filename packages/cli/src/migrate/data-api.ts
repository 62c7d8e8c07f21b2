import type * as data from '@tenon/data';
import { requireFromApp } from '../run/app-require';

/** The parts of the app's `@tenon/data` that `tenon migrate` composes (the same functions `tenon-data` uses). */
export type DataApi = Pick<
  typeof data,
  | 'Database'
  | 'Migrations'
  | 'diffSchema'
  | 'describeDiff'
  | 'migrationSource'
  | 'writeMigration'
  | 'isEntity'
  | 'parseDatabaseUrl'
>;

/** The app's own `@tenon/data`: entity classes compiled from the app register in that copy. */
export function loadDataApi(root: string): DataApi {
  return requireFromApp<DataApi>(
    root,
    '@tenon/data',
    'tenon migrate runs migrations and reads entities with it',
  );
}
