import { CrudRepository, Repository } from '@tenon/data';
import { ArticleNotification } from './notification.entity';

@Repository(ArticleNotification)
export class NotificationRepository extends CrudRepository<ArticleNotification, number> {
  findBySlug = this.derive('findBySlug');
}
