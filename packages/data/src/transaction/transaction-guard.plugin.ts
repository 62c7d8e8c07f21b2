import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { transactionEnded, transactionTimeout } from '../errors/transaction.errors';
import type { PhysicalTransaction } from './transaction-flow';

/**
 * Runs before every statement of a transaction's executor: a statement issued after the
 * transaction ended, or past its deadline, fails with a coded error instead of Kysely's generic
 * one (or, on PGlite, instead of running outside any transaction).
 */
export class TransactionGuardPlugin implements KyselyPlugin {
  constructor(private readonly tx: PhysicalTransaction) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const { tx } = this;
    if (tx.state !== 'active') throw transactionEnded(tx.id, tx.state);
    if (tx.deadline !== undefined && Date.now() > tx.deadline)
      throw transactionTimeout(tx.id, tx.timeoutMs ?? 0);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
