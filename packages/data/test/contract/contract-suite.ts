import 'reflect-metadata';
import { capabilitiesOf, createSchema, type DialectName } from '@tenon/data';
import type { ContractTarget } from '../support/databases';
import { ENTITIES } from '../support/fixtures';
import { constraintContract } from './constraint.contract';
import { criteriaStatementsContract } from './criteria-statements.contract';
import { pageContract } from './page.contract';
import { repositoryContract, type ContractContext } from './repository.contract';
import { schemaContract } from './schema.contract';
import { transactionContract } from './transaction.contract';

/**
 * Runs the repository and transaction contracts on one dialect with one database for the whole
 * file (an embedded engine takes seconds to start). A dialect that cannot run here is skipped
 * with its reason in the suite's title.
 */
export function runContractSuite(target: ContractTarget, file: string): void {
  const suite = target.open ? describe : describe.skip;
  suite(`contract on ${target.name}${target.skipReason ? ` (skipped: ${target.skipReason})` : ''}`, () => {
    const ctx = {
      queries: [],
      auditor: 'alice',
      capabilities: capabilitiesOf(target.name as DialectName),
    } as unknown as ContractContext;

    beforeAll(async () => {
      ctx.database = await target.open!(file, {
        log: (event) => ctx.queries.push(event.sql),
        auditor: { getCurrentAuditor: () => ctx.auditor },
      });
      await createSchema(ctx.database.kysely, ENTITIES, ctx.database.capabilities.dialect);
    }, 30_000);

    afterAll(async () => {
      await ctx.database?.close();
    });

    repositoryContract(ctx);
    constraintContract(ctx);
    criteriaStatementsContract(ctx);
    pageContract(ctx);
    schemaContract(ctx);
    transactionContract(ctx);
  });
}
