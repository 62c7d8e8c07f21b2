import 'reflect-metadata';
import {
  Column,
  CreatedDate,
  Entity,
  getEntityMetadata,
  Id,
  isEntity,
  ManyToOne,
  Version,
} from '@tenon/data';

const codeAndMessage = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
  throw new Error('expected an error');
};

describe('entity metadata', () => {
  it('resolves columns, names, types and roles', () => {
    class Base {
      @Id({ generated: true }) id!: number;
      @CreatedDate() createdAt!: Date;
    }
    @Entity()
    class BlogPost extends Base {
      @Column({ length: 80, unique: true }) slug!: string;
      @Column({ name: 'body_text', type: 'text' }) body!: string;
      @Column() views!: number;
      @Column() published!: boolean;
      @Column({ type: 'decimal', precision: 8, scale: 2 }) price!: string;
      @Version() version!: number;
    }
    const meta = getEntityMetadata(BlogPost);
    expect(isEntity(BlogPost)).toBe(true);
    expect(isEntity(Base)).toBe(false);
    expect(meta.table).toBe('blog_post');
    expect(meta.columns.map((c) => [c.property, c.name, c.type])).toEqual([
      ['id', 'id', 'integer'],
      ['createdAt', 'created_at', 'timestamp'],
      ['slug', 'slug', 'string'],
      ['body', 'body_text', 'text'],
      ['views', 'views', 'integer'],
      ['published', 'published', 'boolean'],
      ['price', 'price', 'decimal'],
      ['version', 'version', 'integer'],
    ]);
    expect(meta.id.generated).toBe('identity');
    expect(meta.version?.default).toBe(0);
    expect(meta.createdDate?.property).toBe('createdAt');
    expect(meta.byProperty.get('slug')).toMatchObject({ length: 80, unique: true, nullable: false });
    expect(getEntityMetadata(BlogPost)).toBe(meta);
  });

  it('names the class and property when the column type cannot be told', () => {
    @Entity('things')
    class Thing {
      @Id() id!: string;
      @Column() tags!: string[];
    }
    expect(codeAndMessage(() => getEntityMetadata(Thing))).toEqual({
      code: 'TENON_DATA_COLUMN_TYPE_UNKNOWN',
      message:
        'Cannot tell the column type of Thing.tags: its TypeScript type reflects as Array, which has no single column type (unions such as "number | null" under swc, arrays, interfaces and object types reflect as Object or Array). Give it explicitly, e.g. @Column({ type: \'json\' }); the types are string, text, integer, bigint, float, decimal, boolean, date, timestamp, json, uuid, bytes.',
    });
    @Entity('typos')
    class Typo {
      @Id() id!: string;
      @Column({ type: 'varchar' as never }) name!: string;
    }
    expect(codeAndMessage(() => getEntityMetadata(Typo)).message).toBe(
      "Cannot tell the column type of Typo.name: the explicit type 'varchar' is not a column type. Give it explicitly, e.g. @Column({ type: 'json' }); the types are string, text, integer, bigint, float, decimal, boolean, date, timestamp, json, uuid, bytes.",
    );
  });

  it('says when there is no @Entity or no @Id, and checks relations', () => {
    class Plain {}
    expect(codeAndMessage(() => getEntityMetadata(Plain, 'PlainRepository'))).toEqual({
      code: 'TENON_DATA_NOT_AN_ENTITY',
      message:
        "Plain is not an entity (used by PlainRepository): it has no @Entity() decorator. Add @Entity('table_name') to the class.",
    });
    @Entity('no_ids')
    class NoId {
      @Column() name!: string;
    }
    expect(codeAndMessage(() => getEntityMetadata(NoId))).toEqual({
      code: 'TENON_DATA_ENTITY_WITHOUT_ID',
      message: "Entity NoId has no @Id() property. Add one, e.g. @Id({ generated: 'identity' }) id!: number;",
    });
    @Entity('parents')
    class Parent {
      @Id() id!: number;
    }
    @Entity('children')
    class Child {
      @Id() id!: number;
      @ManyToOne(() => Parent, 'parentId') parent?: Parent;
    }
    expect(codeAndMessage(() => getEntityMetadata(Child))).toEqual({
      code: 'TENON_DATA_INVALID_RELATION',
      message:
        'The relation Child.parent is invalid: its foreign key "parentId" is not a @Column of Child; declare it, e.g. @Column() parentId!: number;.',
    });
  });

  it('resolves unique constraints and indexes, with default names in PostgreSQL style', () => {
    @Entity('favorites', {
      uniques: [['userId', 'articleId'], { columns: ['note'], name: 'one_note' }],
      indexes: [['articleId', 'createdAt']],
    })
    class Favorite {
      @Id({ generated: true }) id!: number;
      @Column() userId!: number;
      @Column() articleId!: number;
      @Column({ unique: true }) slug!: string;
      @Column() note!: string;
      @CreatedDate() createdAt!: Date;
    }
    const meta = getEntityMetadata(Favorite);
    const shape = (list: typeof meta.uniques) =>
      list.map((i) => [i.name, i.columns.map((c) => c.name), i.unique]);
    expect(shape(meta.uniques)).toEqual([
      ['favorites_slug_key', ['slug'], true],
      ['favorites_user_id_article_id_key', ['user_id', 'article_id'], true],
      ['one_note', ['note'], true],
    ]);
    expect(shape(meta.indexes)).toEqual([
      ['favorites_article_id_created_at_idx', ['article_id', 'created_at'], false],
    ]);
  });

  it('keeps default names within 63 characters, stable and distinct', () => {
    @Entity('a_table_with_a_rather_long_name_for_the_example', {
      uniques: [['firstRatherLongPropertyName', 'secondRatherLongPropertyName']],
    })
    class Long {
      @Id() id!: number;
      @Column() firstRatherLongPropertyName!: string;
      @Column() secondRatherLongPropertyName!: string;
    }
    const [unique] = getEntityMetadata(Long).uniques;
    // The start of the full name, then a hash of all of it (sha256, 8 hex digits).
    expect(unique!.name).toBe('a_table_with_a_rather_long_name_for_the_example_fi_178c16ae_key');
    expect(unique!.name).toHaveLength(63);
  });

  it('names the entity and the property when an index or unique constraint is wrong', () => {
    @Entity('votes', { uniques: [['userId', 'postid']] })
    class Vote {
      @Id() id!: number;
      @Column() userId!: number;
      @Column() postId!: number;
    }
    expect(codeAndMessage(() => getEntityMetadata(Vote))).toEqual({
      code: 'TENON_DATA_INVALID_INDEX',
      message:
        "A unique constraint declared in @Entity() of Vote is invalid: \"postid\" is not a @Column of Vote (did you mean \"postId\"?); its columns are id, userId, postId. Declare it with the entity's property names, e.g. @Entity('table', { uniques: [['userId', 'articleId']] }).",
    });
    @Entity('empties', { indexes: [[]] })
    class Empty {
      @Id() id!: number;
    }
    expect(codeAndMessage(() => getEntityMetadata(Empty)).message).toBe(
      "An index declared in @Entity() of Empty is invalid: it names no property; give at least one, e.g. ['userId', 'articleId']. Declare it with the entity's property names, e.g. @Entity('table', { uniques: [['userId', 'articleId']] }).",
    );
    @Entity('twice', { indexes: [{ columns: ['a', 'a'] }] })
    class Twice {
      @Id() id!: number;
      @Column() a!: number;
    }
    expect(codeAndMessage(() => getEntityMetadata(Twice)).message).toContain(
      'it names a property twice (a, a)',
    );
    @Entity('clash', {
      uniques: [{ columns: ['a'], name: 'same' }],
      indexes: [{ columns: ['a'], name: 'same' }],
    })
    class Clash {
      @Id() id!: number;
      @Column() a!: number;
    }
    expect(codeAndMessage(() => getEntityMetadata(Clash)).message).toContain(
      'An index declared in @Entity() of Clash is invalid: the name "same" is used twice.',
    );
  });
});
