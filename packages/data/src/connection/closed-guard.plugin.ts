import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { DataError } from '../errors/data.error';

/**
 * Fails every statement after `Database.close()` with TENON_DATA_DATABASE_CLOSED. Kysely's own
 * message ("driver has already been destroyed") names neither the database nor the fix.
 */
export class ClosedGuardPlugin implements KyselyPlugin {
  constructor(
    private readonly isClosed: () => boolean,
    private readonly error: () => DataError,
  ) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.isClosed()) throw this.error();
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
