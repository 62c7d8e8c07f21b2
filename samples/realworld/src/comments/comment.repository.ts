import { CrudRepository, Repository } from '@tenon/data';
import { Comment } from './comment.entity';

/** Comments of articles, the most recent first. */
@Repository(Comment)
export class CommentRepository extends CrudRepository<Comment, number> {
  findOneByIdAndArticleId = this.derive('findOneByIdAndArticleId');
}
