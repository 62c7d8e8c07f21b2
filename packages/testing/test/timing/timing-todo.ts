import { Column, CrudRepository, Entity, Id, Repository } from '@tenon/data';

/**
 * The application code both timing suites load: a user's suite with no database still imports
 * its entities and repositories, so the comparison differs by the database alone.
 */
@Entity('timing_todos')
export class Todo {
  @Id({ generated: true }) id!: number;
  @Column() title!: string;
  @Column({ default: false }) done!: boolean;
}

@Repository(Todo)
export class TodoRepository extends CrudRepository<Todo, number> {}
