import type { FastifyReply } from 'fastify';
import { Controller } from '../decorators/controller.decorator';
import { Res } from '../decorators/param.decorators';
import { Get } from '../decorators/route.decorator';
import { VERSION_NEUTRAL } from '../metadata/version';
import { ApiExcludeEndpoint } from '../openapi/api.decorators';
import { MetricsService } from './metrics.service';

/** `GET /metrics` in Prometheus text format. */
@Controller({ version: VERSION_NEUTRAL })
@ApiExcludeEndpoint()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get('metrics')
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    const { contentType, body } = await this.metrics.scrape();
    await reply.type(contentType).send(body);
  }
}
