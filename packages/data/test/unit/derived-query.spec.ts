import 'reflect-metadata';
import { Column, CrudRepository, Database, Entity, Id, Repository } from '@tenon/data';
import { parseDerivedQuery } from '../../src/finders/derived-query.parser';
import { getEntityMetadata } from '../../src/metadata/entity-metadata.registry';

@Entity('orders')
class Order {
  @Id({ generated: 'identity' }) id!: number;
  @Column() orderNumber!: string;
  @Column() status!: string;
  @Column() total!: number;
  @Column() createdBy!: string;
}

const meta = getEntityMetadata(Order);
const plan = (name: string) => parseDerivedQuery('OrderRepository', name, meta);
const summary = (name: string) => {
  const p = plan(name);
  return {
    subject: p.subject,
    limit: p.limit,
    arity: p.arity,
    groups: p.groups.map((g) =>
      g.map((part) => `${part.column.property}:${part.operator}${part.ignoreCase ? ':ic' : ''}`),
    ),
    order: p.order.map((o) => `${o.column.property} ${o.direction}`),
  };
};

describe('derived query parser', () => {
  it('parses subjects, operators, Or/And and OrderBy', () => {
    expect(summary('findByStatusAndTotalGreaterThanEqual')).toEqual({
      subject: 'find',
      limit: undefined,
      arity: 2,
      groups: [['status:eq', 'total:gte']],
      order: [],
    });
    expect(summary('findTop3ByStatusInOrTotalBetweenOrderByTotalDescIdAsc')).toEqual({
      subject: 'firstN',
      limit: 3,
      arity: 3,
      groups: [['status:in'], ['total:between']],
      order: ['total desc', 'id asc'],
    });
    // "Or" inside a property name (orderNumber) and "By" inside one (createdBy) are not keywords.
    expect(summary('findOneByOrderNumberIgnoreCase').groups).toEqual([['orderNumber:eq:ic']]);
    expect(summary('countByCreatedByIsNotNull')).toMatchObject({
      subject: 'count',
      arity: 0,
      groups: [['createdBy:isNotNull']],
    });
    expect(summary('existsByStatusNot').groups).toEqual([['status:ne']]);
    expect(summary('deleteByStatusContaining').subject).toBe('delete');
    expect(summary('findFirstByOrderByTotalAsc')).toMatchObject({
      subject: 'first',
      limit: 1,
      arity: 0,
      groups: [],
    });
    expect(summary('findAllByStatusStartingWithAndStatusEndingWith').arity).toBe(2);
  });

  it('fails at construction with the repository, method and nearest property names', () => {
    expect(() => plan('findByStauts')).toThrow(
      expect.objectContaining({
        code: 'TENON_DATA_DERIVED_QUERY_UNKNOWN_PROPERTY',
        message:
          'OrderRepository.findByStauts refers to "stauts", which is not a property of Order. Did you mean "status"? Order has: id, orderNumber, status, total, createdBy.',
      }) as Error,
    );
    expect(() => plan('findByTotalGreaterThanAndStatsContaining')).toThrow(
      expect.objectContaining({
        message: expect.stringContaining(
          'refers to "stats", which is not a property of Order. Did you mean "status"?',
        ),
      }) as Error,
    );
    expect(() => plan('findByStatusOrderByTotl')).toThrow(
      expect.objectContaining({
        code: 'TENON_DATA_DERIVED_QUERY_UNKNOWN_PROPERTY',
        message: expect.stringContaining('refers to "totl"'),
      }) as Error,
    );
    expect(() => plan('searchByStatus')).toThrow(
      expect.objectContaining({
        code: 'TENON_DATA_INVALID_DERIVED_QUERY',
        message:
          'OrderRepository.searchByStatus is not a valid derived query: it does not start with findBy, findOneBy, findFirstBy, findTop<n>By, countBy, existsBy or deleteBy. Names look like findByTitleAndDone, findFirst10ByDoneOrderByCreatedAtDesc, countByStatusIn, existsByEmailIgnoreCase, deleteByDone.',
      }) as Error,
    );
    expect(() => plan('findBy')).toThrow(
      expect.objectContaining({
        message: expect.stringContaining('it has no condition after "By"'),
      }) as Error,
    );
    expect(() => plan('findTop0ByStatus')).toThrow(
      expect.objectContaining({
        message: expect.stringContaining('the limit in "findTop0ByStatus" must be a positive integer'),
      }) as Error,
    );
  });

  it('a repository with a misspelt finder fails when it is constructed', () => {
    @Repository(Order)
    class OrderRepository extends CrudRepository<Order, number> {
      // @ts-expect-error -- misspelt on purpose: a compile error, and a boot error.
      findByStauts = this.derive('findByStauts');
    }
    expect(() => new OrderRepository()).toThrow(
      expect.objectContaining({ code: 'TENON_DATA_DERIVED_QUERY_UNKNOWN_PROPERTY' }) as Error,
    );
  });

  it('a repository without @Repository, or without a database, says how to fix it', async () => {
    class Undecorated extends CrudRepository<Order, number> {}
    expect(() => new Undecorated()).toThrow(
      expect.objectContaining({
        code: 'TENON_DATA_NOT_A_REPOSITORY',
        message:
          'Undecorated is used as a repository but has no @Repository(Entity) decorator. Add @Repository(YourEntity) to the class (it must extend CrudRepository<YourEntity, Id>).',
      }) as Error,
    );
    @Repository(Order)
    class Orders extends CrudRepository<Order, number> {}
    await expect(new Orders().findById(1)).rejects.toMatchObject({
      code: 'TENON_DATA_REPOSITORY_NOT_BOUND',
      message:
        'Orders has no database: it was created with "new" outside dependency injection. Register it with DataModule.forFeature([Orders]) and inject it, or create it with database.repository(Orders).',
    });
    expect(Database).toBeDefined();
  });
});
