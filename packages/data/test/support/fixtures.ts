import 'reflect-metadata';
import {
  Column,
  CreatedBy,
  CreatedDate,
  CrudRepository,
  Entity,
  Id,
  LastModifiedBy,
  LastModifiedDate,
  ManyToOne,
  OneToMany,
  Repository,
  Version,
} from '@tenon/data';

@Entity('todos')
export class Todo {
  @Id({ generated: 'identity' }) id!: number;
  @Column({ length: 50 }) title!: string;
  @Column({ default: false }) done!: boolean;
  @Column({ type: 'integer', nullable: true }) priority!: number | null;
  @Column({ type: 'json', nullable: true }) tags!: string[] | null;
  @CreatedDate() createdAt!: Date;
  @LastModifiedDate() updatedAt!: Date;
  @CreatedBy({ type: 'string' }) createdBy!: string | null;
  @LastModifiedBy({ type: 'string' }) updatedBy!: string | null;
  @Version() version!: number;

  label(): string {
    return `${this.title}${this.done ? ' (done)' : ''}`;
  }
}

@Repository(Todo)
export class TodoRepository extends CrudRepository<Todo, number> {
  findByTitleContainingAndDone = this.derive('findByTitleContainingAndDone');
  findByTitle = this.derive('findByTitle');
  findByTitleIgnoreCase = this.derive('findByTitleIgnoreCase');
  findByDoneOrderByTitleDesc = this.derive('findByDoneOrderByTitleDesc');
  findFirst2ByDoneOrderByTitleAsc = this.derive('findFirst2ByDoneOrderByTitleAsc');
  findFirstByDoneOrderByTitleAsc = this.derive('findFirstByDoneOrderByTitleAsc');
  findOneByTitle = this.derive('findOneByTitle');
  findByPriorityGreaterThanEqual = this.derive('findByPriorityGreaterThanEqual');
  findByPriorityBetweenOrderByPriorityAsc = this.derive('findByPriorityBetweenOrderByPriorityAsc');
  findByPriorityIn = this.derive('findByPriorityIn');
  findByPriorityNotIn = this.derive('findByPriorityNotIn');
  findByPriorityIsNull = this.derive('findByPriorityIsNull');
  findByPriorityIsNotNull = this.derive('findByPriorityIsNotNull');
  findByDoneTrue = this.derive('findByDoneTrue');
  findByDoneFalse = this.derive('findByDoneFalse');
  findByTitleStartingWith = this.derive('findByTitleStartingWith');
  findByTitleEndingWith = this.derive('findByTitleEndingWith');
  findByTitleLike = this.derive('findByTitleLike');
  findByTitleContainingIgnoreCase = this.derive('findByTitleContainingIgnoreCase');
  findByTitleOrPriority = this.derive('findByTitleOrPriority');
  findByPriorityLessThan = this.derive('findByPriorityLessThan');
  countByDone = this.derive('countByDone');
  existsByTitle = this.derive('existsByTitle');
  deleteByDone = this.derive('deleteByDone');

  /** A custom query through Kysely, bound to the current transaction. */
  countOpen(): Promise<number> {
    return this.query()
      .selectFrom(this.table)
      .select((eb) => eb.fn.countAll().as('n'))
      .where('done', '=', this.isSqlite() ? 0 : false)
      .executeTakeFirstOrThrow()
      .then((row) => Number(row.n));
  }

  private isSqlite(): boolean {
    return this.database.capabilities.dialect === 'sqlite';
  }
}

@Entity('authors')
export class Author {
  @Id({ generated: true }) id!: number;
  @Column() name!: string;
  @OneToMany(() => Post, 'authorId') posts?: Post[];
}

@Entity('posts')
export class Post {
  @Id({ generated: 'uuid' }) id!: string;
  @Column() title!: string;
  @Column() authorId!: number;
  @ManyToOne(() => Author, 'authorId') author?: Author | null;
}

@Repository(Author)
export class AuthorRepository extends CrudRepository<Author, number> {}

@Repository(Post)
export class PostRepository extends CrudRepository<Post, string> {
  findByAuthorId = this.derive('findByAuthorId');
}

@Entity('accounts')
export class Account {
  @Id() id!: string;
  @Column({ type: 'bigint' }) balance!: number;
  @Version() version!: number;
}

@Repository(Account)
export class AccountRepository extends CrudRepository<Account, string> {}

@Entity('books')
export class Book {
  @Id() isbn!: string;
  @Column() title!: string;
  @Column({ type: 'decimal', precision: 10, scale: 2, nullable: true }) price!: string | null;
  @Column({ type: 'date', nullable: true }) published!: string | null;
}

@Repository(Book)
export class BookRepository extends CrudRepository<Book, string> {}

/** Unique constraints on one column and on a pair, and an index, all from entity metadata. */
@Entity('members', { uniques: [['team', 'handle']], indexes: [['team', 'joinedOn']] })
export class Member {
  @Id({ generated: true }) id!: number;
  @Column({ length: 100, unique: true }) email!: string;
  @Column({ length: 40 }) team!: string;
  @Column({ length: 40 }) handle!: string;
  @Column({ type: 'date', nullable: true }) joinedOn!: string | null;
}

@Repository(Member)
export class MemberRepository extends CrudRepository<Member, number> {}

export const ENTITIES = [Todo, Author, Post, Account, Book, Member];
