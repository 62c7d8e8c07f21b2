// Type tests: compiled by `tsc -b packages/data/test`, never run. Each `@ts-expect-error` line
// must fail to compile; if it compiled, tsc would report the directive as unused.
import 'reflect-metadata';
import {
  Between,
  Column,
  CrudRepository,
  Entity,
  Gt,
  Id,
  In,
  IsNull,
  Like,
  Not,
  Repository,
  type Criteria,
  type DerivedFinder,
  type OrderBy,
} from '@tenon/data';
import type { DERIVED_OPERATORS } from '../../src/finders/derived-operators';
import type { DerivedOperatorArgs } from '../../src/finders/derived-query.types';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

@Entity('tasks')
class Task {
  @Id({ generated: 'identity' }) id!: number;
  @Column() title!: string;
  @Column() done!: boolean;
  @Column({ type: 'integer', nullable: true }) priority!: number | null;
  @Column() status!: 'open' | 'closed';
  @Column() dueAt!: Date;
  describe(): string {
    return this.title;
  }
}

@Repository(Task)
export class TaskRepository extends CrudRepository<Task, number> {
  findByTitleContainingAndDone = this.derive('findByTitleContainingAndDone');
  findFirst3ByDoneOrderByDueAtDesc = this.derive('findFirst3ByDoneOrderByDueAtDesc');
  findOneByTitleIgnoreCase = this.derive('findOneByTitleIgnoreCase');
  countByStatusIn = this.derive('countByStatusIn');
  existsByPriorityIsNull = this.derive('existsByPriorityIsNull');
  deleteByDueAtBefore = this.derive('deleteByDueAtBefore');
  findByPriorityBetween = this.derive('findByPriorityBetween');
  findByDoneTrueOrStatus = this.derive('findByDoneTrueOrStatus');

  // @ts-expect-error -- "Titel" is not a property of Task.
  findByTitel = this.derive('findByTitel');
  // @ts-expect-error -- OrderBy names an unknown property.
  findByDoneOrderByDeadline = this.derive('findByDoneOrderByDeadline');
  // @ts-expect-error -- not a derived query subject.
  searchByTitle = this.derive('searchByTitle');
  // @ts-expect-error -- methods are not properties a query can use.
  findByDescribe = this.derive('findByDescribe');
}

declare const repo: TaskRepository;

// Parameters and results computed from the names.
assertType<
  Equal<typeof repo.findByTitleContainingAndDone, DerivedFinder<Task, 'findByTitleContainingAndDone'>>
>();
assertType<
  Equal<Parameters<typeof repo.findByTitleContainingAndDone>, [text: string, value: boolean | null]>
>();
assertType<Equal<ReturnType<typeof repo.findByTitleContainingAndDone>, Promise<Task[]>>>();
assertType<Equal<Parameters<typeof repo.findFirst3ByDoneOrderByDueAtDesc>, [value: boolean | null]>>();
assertType<Equal<ReturnType<typeof repo.findFirst3ByDoneOrderByDueAtDesc>, Promise<Task[]>>>();
assertType<Equal<ReturnType<typeof repo.findOneByTitleIgnoreCase>, Promise<Task | null>>>();
assertType<Equal<Parameters<typeof repo.countByStatusIn>, [values: readonly ('open' | 'closed')[]]>>();
assertType<Equal<ReturnType<typeof repo.countByStatusIn>, Promise<number>>>();
assertType<Equal<Parameters<typeof repo.existsByPriorityIsNull>, []>>();
assertType<Equal<ReturnType<typeof repo.existsByPriorityIsNull>, Promise<boolean>>>();
assertType<Equal<Parameters<typeof repo.deleteByDueAtBefore>, [value: Date]>>();
assertType<Equal<Parameters<typeof repo.findByPriorityBetween>, [low: number, high: number]>>();
assertType<Equal<Parameters<typeof repo.findByDoneTrueOrStatus>, [value: 'open' | 'closed' | null]>>();

void repo.findByTitleContainingAndDone('x', true);
// @ts-expect-error -- the second parameter is a boolean.
void repo.findByTitleContainingAndDone('x', 'yes');
// @ts-expect-error -- two parameters are required.
void repo.findByTitleContainingAndDone('x');

// The keyword tables of the runtime parser and the type-level parser stay equal.
assertType<Equal<keyof typeof DERIVED_OPERATORS, keyof DerivedOperatorArgs<unknown>>>();

// Criteria and ordering.
const ok: Criteria<Task> = {
  title: Like('a%'),
  done: false,
  priority: Between(1, 3),
  status: In(['open']),
  dueAt: Gt(new Date()),
  id: Not(In([1, 2])),
};
const nulls: Criteria<Task> = { priority: null, title: Not(null), dueAt: IsNull() };
// @ts-expect-error -- unknown column.
const unknownColumn: Criteria<Task> = { titel: 'x' };
// @ts-expect-error -- Gt(number) on a string column.
const wrongOperator: Criteria<Task> = { title: Gt(3) };
// @ts-expect-error -- Like on a number column.
const likeOnNumber: Criteria<Task> = { priority: Like('1%') };
// @ts-expect-error -- a value of the wrong type.
const wrongValue: Criteria<Task> = { done: 'yes' };
// @ts-expect-error -- methods are not columns.
const methodColumn: Criteria<Task> = { describe: 'x' };
const order: OrderBy<Task> = { dueAt: 'desc', id: 'asc' };
// @ts-expect-error -- ordering by an unknown column.
const badOrder: OrderBy<Task> = { deadline: 'asc' };
// @ts-expect-error -- not a direction.
const badDirection: OrderBy<Task> = { id: 'up' };

async function usage(): Promise<void> {
  const saved: Task = await repo.save({ title: 'x', done: false, status: 'open', dueAt: new Date() });
  const found: Task | null = await repo.findById(saved.id);
  // @ts-expect-error -- the id type is number.
  await repo.findById('1');
  const page = await repo.findPage({ page: 0, size: 10, where: { done: false }, orderBy: { dueAt: 'desc' } });
  const total: number = page.total;
  await repo.update({ status: 'open' }, { done: true });
  // @ts-expect-error -- a patch value of the wrong type.
  await repo.update({ status: 'open' }, { done: 'true' });
  void [found, total];
}

void [
  ok,
  nulls,
  unknownColumn,
  wrongOperator,
  likeOnNumber,
  wrongValue,
  methodColumn,
  order,
  badOrder,
  badDirection,
  usage,
];
