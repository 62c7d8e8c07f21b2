import { CrudRepository, Repository, type Page, type Pageable } from '@tenon/data';
import { Todo } from './todo.entity';

/** Todos: typed criteria for lists, derived finders for the rest. */
@Repository(Todo)
export class TodoRepository extends CrudRepository<Todo, number> {
  /** Derived finders: the parameters and the result are typed from the name, checked at boot. */
  findByTitleContainingIgnoreCaseOrderByCreatedAtDesc = this.derive(
    'findByTitleContainingIgnoreCaseOrderByCreatedAtDesc',
  );
  countByDone = this.derive('countByDone');

  /** A page of todos, most recent first, optionally only open or only done ones. */
  findPageByDone(page: Pageable, done: boolean | undefined): Promise<Page<Todo>> {
    return this.findPage({
      ...page,
      ...(done === undefined ? {} : { where: { done } }),
      orderBy: { createdAt: 'desc', id: 'desc' },
    });
  }
}
