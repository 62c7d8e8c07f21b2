import { ApiOperation, ApiTags, Controller, Get } from '@tenon/http';
import { Public } from '@tenon/security';
import { ArticleTagRepository } from '../articles/article-tag.repository';

/** `GET /tags`: every tag in use, the most used first. */
@Controller('tags')
@Public()
@ApiTags('Tags')
export class TagsController {
  constructor(private readonly tags: ArticleTagRepository) {}

  @Get()
  @ApiOperation({ operationId: 'GetTags', summary: 'Get tags' })
  async list(): Promise<{ tags: string[] }> {
    return { tags: await this.tags.popular() };
  }
}
