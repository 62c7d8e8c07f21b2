import 'reflect-metadata';
import { DataError, ForeignKeyViolationError, UniqueViolationError, type Database } from '@tenon/data';
import { sql } from 'kysely';
import {
  Account,
  AccountRepository,
  AuthorRepository,
  MemberRepository,
  PostRepository,
  TodoRepository,
} from '../support/fixtures';
import { truncateAll, type ContractContext } from './repository.contract';

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

const UNIQUE_ADVICE =
  "so the write was refused. Check for an existing row before writing, and answer a conflict (this error's status is 409) when concurrent requests race past that check.";

/**
 * Constraint violations and integer ranges: the same coded errors, with the same details and
 * messages, on every dialect.
 */
export function constraintContract(ctx: ContractContext): void {
  describe('constraints and value ranges', () => {
    let database: Database;
    let members: MemberRepository;
    let authors: AuthorRepository;
    let posts: PostRepository;
    let todos: TodoRepository;
    let accounts: AccountRepository;

    beforeAll(() => {
      database = ctx.database;
      members = database.repository(MemberRepository);
      authors = database.repository(AuthorRepository);
      posts = database.repository(PostRepository);
      todos = database.repository(TodoRepository);
      accounts = database.repository(AccountRepository);
    });

    beforeEach(async () => {
      await truncateAll(database);
      ctx.queries.length = 0;
    });

    it('a duplicate in a unique column is a UniqueViolationError (409) naming table, constraint and property', async () => {
      await members.save({ email: 'ann@example.com', team: 'red', handle: 'ann' });
      const error = await caught(members.save({ email: 'ann@example.com', team: 'blue', handle: 'ann' }));
      expect(error).toBeInstanceOf(UniqueViolationError);
      expect(error).toBeInstanceOf(DataError);
      const unique = error as UniqueViolationError;
      expect(unique.code).toBe('TENON_DATA_UNIQUE_VIOLATION');
      expect(unique.status).toBe(409);
      expect(unique.details).toEqual({
        table: 'members',
        constraint: 'members_email_key',
        columns: ['email'],
        entity: 'Member',
        properties: ['email'],
      });
      expect(unique.message).toBe(
        `Another row of "members" already has the same email (unique constraint "members_email_key"), ${UNIQUE_ADVICE}`,
      );
      // The driver's own error stays reachable, and the value never enters the message.
      expect(unique.cause).toBeInstanceOf(Error);
      expect(unique.cause).not.toBeInstanceOf(DataError);
      expect(unique.message).not.toContain('ann@example.com');
      // What a production response says: the property, no table or constraint.
      expect(unique.clientMessage).toBe(
        'The request conflicts with an existing resource: the email is already taken.',
      );
      expect(await members.count()).toBe(1);
    });

    it('a duplicate pair in a composite unique constraint is reported with both properties', async () => {
      await members.save({ email: 'a@example.com', team: 'red', handle: 'ann' });
      await members.save({ email: 'b@example.com', team: 'blue', handle: 'ann' }); // another team: fine
      const error = (await caught(
        members.save({ email: 'c@example.com', team: 'red', handle: 'ann' }),
      )) as UniqueViolationError;
      expect(error).toBeInstanceOf(UniqueViolationError);
      expect(error.clientMessage).toBe(
        'The request conflicts with an existing resource: the combination of team and handle is already taken.',
      );
      expect(error.details).toEqual({
        table: 'members',
        constraint: 'members_team_handle_key',
        columns: ['team', 'handle'],
        entity: 'Member',
        properties: ['team', 'handle'],
      });
      expect(error.message).toBe(
        `Another row of "members" already has the same combination of team, handle (unique constraint "members_team_handle_key"), ${UNIQUE_ADVICE}`,
      );
      // Updates are checked the same way: an entity update and a bulk update.
      const b = (await members.findOne({ email: 'b@example.com' }))!;
      b.team = 'red';
      expect(await caught(members.save(b))).toMatchObject({
        code: 'TENON_DATA_UNIQUE_VIOLATION',
        constraint: 'members_team_handle_key',
      });
      expect(
        await caught(members.update({ email: 'b@example.com' }, { email: 'a@example.com' })),
      ).toMatchObject({
        code: 'TENON_DATA_UNIQUE_VIOLATION',
        properties: ['email'],
      });
    });

    it('raw SQL through the database gets the coded error too (with what the driver tells)', async () => {
      await members.save({ email: 'x@example.com', team: 'red', handle: 'x' });
      const error = await caught(
        sql`insert into ${sql.table('members')} (email, team, handle) values (${'x@example.com'}, ${'blue'}, ${'y'})`.execute(
          database.kysely,
        ),
      );
      expect(error).toBeInstanceOf(UniqueViolationError);
      const unique = error as UniqueViolationError;
      // PostgreSQL and MySQL name the constraint; SQLite names the table and columns instead.
      expect(unique.constraint === 'members_email_key' || unique.columns?.join() === 'email').toBe(true);
    });

    it('a row referring to a missing row is a ForeignKeyViolationError (missing-reference, 409)', async () => {
      const error = (await caught(
        posts.save({ title: 'orphan', authorId: 424242 }),
      )) as ForeignKeyViolationError;
      expect(error).toBeInstanceOf(ForeignKeyViolationError);
      expect(error.code).toBe('TENON_DATA_FOREIGN_KEY_VIOLATION');
      expect(error.status).toBe(409);
      expect(error.reason).toBe('missing-reference');
      expect(error.table).toBe('posts');
      expect(error.clientMessage).toBe(
        'The request refers to a resource that does not exist (it may have just been deleted).',
      );
      const advice =
        'that does not exist, so the write was refused. Check that the referenced row exists (it may have just been deleted) before writing.';
      if (ctx.capabilities.namesForeignKeys) {
        expect(error.details).toEqual({
          reason: 'missing-reference',
          table: 'posts',
          referencedTable: 'authors',
          constraint: 'posts_author_id_fkey',
          columns: ['author_id'],
        });
        expect(error.message).toBe(
          `A row of "posts" would refer (through author_id, foreign key "posts_author_id_fkey") to a row of "authors" ${advice}`,
        );
      } else {
        expect(error.message).toBe(`A row of "posts" would refer to a row ${advice}`);
      }
      expect(await posts.count()).toBe(0);
    });

    it('deleting a row other rows refer to is a ForeignKeyViolationError (still-referenced)', async () => {
      const ann = await authors.save({ name: 'Ann' });
      await posts.save({ title: 'kept', authorId: ann.id });
      const error = (await caught(authors.deleteById(ann.id))) as ForeignKeyViolationError;
      expect(error).toBeInstanceOf(ForeignKeyViolationError);
      expect(error.reason).toBe('still-referenced');
      expect(error.referencedTable).toBe('authors');
      expect(error.clientMessage).toBe(
        'The resource is still referred to by other resources, so it cannot be removed or changed.',
      );
      const advice =
        'so the change was refused. Delete or reassign the referencing rows first, or declare the foreign key ON DELETE CASCADE in a migration.';
      if (ctx.capabilities.namesForeignKeys) {
        expect(error).toMatchObject({ table: 'posts', constraint: 'posts_author_id_fkey' });
        expect(error.message).toBe(
          `A row of "authors" is still referenced from "posts" (foreign key "posts_author_id_fkey"), ${advice}`,
        );
      } else {
        expect(error.message).toBe(`A row of "authors" is still referenced from another table, ${advice}`);
      }
      expect(await authors.existsById(ann.id)).toBe(true);
    });

    it('integer columns refuse values outside 32 bits before any SQL runs', async () => {
      const low = await todos.save({ title: 'low', priority: -2_147_483_648 });
      const high = await todos.save({ title: 'high', priority: 2_147_483_647 });
      expect((await todos.findById(low.id))!.priority).toBe(-2_147_483_648);
      expect((await todos.findById(high.id))!.priority).toBe(2_147_483_647);
      ctx.queries.length = 0;
      const tooBig = await caught(todos.save({ title: 'big', priority: 2_147_483_648 }));
      expect(tooBig).toMatchObject({
        code: 'TENON_DATA_INVALID_VALUE',
        message:
          'Invalid value for Todo.priority: expected an integer from -2147483648 to 2147483647 (the column is 32-bit), got number 2147483648.',
      });
      expect(await caught(todos.findBy({ priority: -2_147_483_649 }))).toMatchObject({
        code: 'TENON_DATA_INVALID_VALUE',
        message:
          'Invalid value for Todo.priority: expected an integer from -2147483648 to 2147483647 (the column is 32-bit), got number -2147483649.',
      });
      expect(await caught(todos.update({ id: low.id }, { priority: 9_999_999_999 }))).toMatchObject({
        code: 'TENON_DATA_INVALID_VALUE',
      });
      expect(ctx.queries).toEqual([]);
      expect(await todos.count({ priority: 2_147_483_647 })).toBe(1);
    });

    it('bigint columns refuse values outside 64 bits', async () => {
      await accounts.save({ id: 'max', balance: 9_007_199_254_740_991 });
      expect(await caught(accounts.save({ id: 'over', balance: (2n ** 63n) as never }))).toMatchObject({
        code: 'TENON_DATA_INVALID_VALUE',
        message:
          'Invalid value for Account.balance: expected an integer from -9223372036854775808 to 9223372036854775807 (the column is 64-bit), got bigint 9223372036854775808.',
      });
      expect(await accounts.findAllById(['max', 'over'])).toEqual([expect.any(Account)]);
    });

    const ENGINE_ADVICE =
      'Validate the input before it reaches the database (types, ranges and lengths on the DTO, e.g. @IsInt() @Max(2147483647) for an integer column), or write through a repository, which checks values against their columns before any SQL runs.';

    (ctx.capabilities.enforcesTypes ? it : it.skip)(
      'values the engine refuses in query-builder and raw SQL are TENON_DATA_INVALID_VALUE (422) naming the column or type' +
        (ctx.capabilities.enforcesTypes
          ? ''
          : ` (skipped on ${ctx.capabilities.dialect}: capability enforcesTypes is false; the engine stores such values)`),
      async () => {
        const kept = await todos.save({ title: 'kept', priority: 1 });
        const postgres = ctx.capabilities.returning; // PostgreSQL/PGlite name the type, MySQL/MariaDB the column
        const outOfRange = await caught(
          database.kysely
            .updateTable('todos')
            .set({ priority: 2_147_483_648 })
            .where('id', '=', kept.id)
            .execute(),
        );
        expect(outOfRange).toBeInstanceOf(DataError);
        expect(outOfRange).toMatchObject({ code: 'TENON_DATA_INVALID_VALUE', status: 422 });
        expect((outOfRange as DataError).message).toBe(
          postgres
            ? `The database refused a value of type integer: a number outside the range of its type (SQLSTATE 22003). ${ENGINE_ADVICE}`
            : `The database refused a value for column "priority": a number outside the range of its type (ER_WARN_DATA_OUT_OF_RANGE). ${ENGINE_ADVICE}`,
        );
        // The driver's error stays reachable for logs; the value never reaches the message.
        expect((outOfRange as DataError).cause).toBeDefined();
        expect((outOfRange as DataError).message).not.toContain('2147483648');

        const unreadable = await caught(
          sql`update ${sql.table('todos')} set priority = ${'abc'} where id = ${kept.id}`.execute(
            database.kysely,
          ),
        );
        expect(unreadable).toMatchObject({ code: 'TENON_DATA_INVALID_VALUE', status: 422 });
        expect((unreadable as DataError).message).toBe(
          postgres
            ? `The database refused a value of type integer: a value its type cannot read (text or a fraction for an integer, say) (SQLSTATE 22P02). ${ENGINE_ADVICE}`
            : `The database refused a value for column "priority": a value its type cannot read (text or a fraction for an integer, say) (ER_TRUNCATED_WRONG_VALUE_FOR_FIELD). ${ENGINE_ADVICE}`,
        );

        const huge = await caught(
          database.kysely
            .updateTable('todos')
            .set({ priority: 8.07e233 })
            .where('id', '=', kept.id)
            .execute(),
        );
        expect(huge).toMatchObject({ code: 'TENON_DATA_INVALID_VALUE', status: 422 });
        // Nothing was written, and the connection is fine for the next statement.
        expect((await todos.findById(kept.id))!.priority).toBe(1);
      },
    );

    it('an id outside the column range is simply absent for lookups by id (no SQL runs)', async () => {
      const kept = await todos.save({ title: 'kept' });
      ctx.queries.length = 0;
      expect(await todos.findById(9_999_999_999)).toBeNull();
      expect(await todos.existsById(2_147_483_648)).toBe(false);
      expect(await todos.deleteById(-9_999_999_999)).toBe(false);
      expect(await todos.findAllById([9_999_999_999])).toEqual([]);
      expect(ctx.queries).toEqual([]);
      expect((await todos.findAllById([kept.id, 9_999_999_999])).map((t) => t.id)).toEqual([kept.id]);
      // Still an error: a value of the wrong type, and the out-of-range value in criteria.
      expect(await caught(todos.findById(1.5))).toMatchObject({ code: 'TENON_DATA_INVALID_VALUE' });
      expect(await caught(todos.findBy({ id: 9_999_999_999 }))).toMatchObject({
        code: 'TENON_DATA_INVALID_VALUE',
      });
      expect(await todos.count()).toBe(1);
    });
  });
}
