import 'reflect-metadata';
import { TestDatabase } from '@tenon/testing';
import { Account, AccountRepository } from '../fixtures/accounts';

// setup()'s afterEach rolls a test back and opens the next test's transaction in the same call.
// What runs between two tests (a describe block's beforeAll and afterAll) must still run outside
// any test transaction, as it did when the next transaction was only opened by beforeEach.
const db = TestDatabase.setup({ entities: [Account] });
let accounts: AccountRepository;

beforeAll(() => {
  accounts = db.database.repository(AccountRepository);
});

describe('a first block', () => {
  it('writes inside its test transaction', async () => {
    expect(db.inTestTransaction).toBe(true);
    await accounts.save({ email: 'first@example.test', balance: 1 });
    expect(await accounts.count()).toBe(1);
  });
});

describe('a block whose beforeAll writes between tests', () => {
  beforeAll(async () => {
    expect(db.inTestTransaction).toBe(false);
    await accounts.save({ email: 'between@example.test', balance: 2 });
  });

  // Also between tests: the row was kept, outside the test transactions, so it is removed here.
  afterAll(async () => {
    expect(db.inTestTransaction).toBe(false);
    await accounts.delete({ email: 'between@example.test' });
    expect(await accounts.count()).toBe(0);
  });

  it('sees the row written before it, and not the first block’s', async () => {
    expect(await accounts.findOne({ email: 'between@example.test' })).not.toBeNull();
    expect(await accounts.count()).toBe(1);
    await accounts.save({ email: 'second@example.test', balance: 3 });
  });

  it('still sees it in the next test, without the previous test’s row', async () => {
    expect((await accounts.findAll()).map((a) => a.email)).toEqual(['between@example.test']);
  });
});
