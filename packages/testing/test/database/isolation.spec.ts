import 'reflect-metadata';
import { TestDatabase } from '@tenon/testing';
import { Account, AccountRepository, AccountService } from '../fixtures/accounts';

// Twenty tests that write rows which conflict with each other's (the same unique email, the same
// counts expected from an empty table). They pass in any order (`--randomize`) only if every test
// starts from the schema with no rows: the per-test transaction is what guarantees it.
const db = TestDatabase.setup({ entities: [Account] });
let accounts: AccountRepository;
let service: AccountService;

beforeAll(() => {
  accounts = db.database.repository(AccountRepository);
  service = new AccountService(accounts);
});

const SHARED = 'shared@example.test';

async function seed(i: number): Promise<number> {
  // Row counts differ per test, so a leaked row from any other test changes this test's count.
  const extra = (i % 5) + 1;
  await accounts.saveAll(
    Array.from({ length: extra }, (_, k) => ({ email: `user${k}@example.test`, balance: i })),
  );
  return extra;
}

describe('TestDatabase isolation', () => {
  it.each(Array.from({ length: 20 }, (_, n) => n + 1))(
    'test %i writes the shared unique row and more, and sees only its own rows',
    async (i) => {
      expect(await accounts.count()).toBe(0);
      const extra = await seed(i);
      switch (i % 4) {
        case 0:
          await accounts.save({ email: SHARED, balance: i });
          break;
        case 1:
          // Through a @Transactional() service: a savepoint inside the test transaction.
          await service.open(SHARED, i);
          break;
        case 2: {
          // A transaction that fails is rolled back alone; the test goes on.
          await expect(service.openThenFail('refused@example.test')).rejects.toThrow(
            'refused refused@example.test',
          );
          expect(await accounts.findOne({ email: 'refused@example.test' })).toBeNull();
          await accounts.save({ email: SHARED, balance: i });
          break;
        }
        default: {
          // A unique violation the test expects does not poison the test transaction.
          await accounts.save({ email: SHARED, balance: i });
          await expect(accounts.save({ email: SHARED, balance: -1 })).rejects.toThrow();
          await service.transfer(SHARED, 'user0@example.test', 0);
        }
      }
      expect(await accounts.count()).toBe(extra + 1);
      expect((await accounts.findOne({ email: SHARED }))?.balance).toBe(i);
    },
  );
});
