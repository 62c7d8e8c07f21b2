import { Controller } from '../decorators/controller.decorator';
import { Get } from '../decorators/route.decorator';
import { VERSION_NEUTRAL } from '../metadata/version';
import { ApiOperation, ApiTags } from '../openapi/api.decorators';
import { HealthService, type HealthReport } from './health.service';

/** `/health/live` and `/health/ready`, for load balancers and orchestrators. */
@Controller({ path: 'health', version: VERSION_NEUTRAL })
@ApiTags('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live(): { status: 'up' } {
    return this.health.live();
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: every indicator is up and the application is not shutting down' })
  ready(): Promise<HealthReport> {
    return this.health.ready();
  }
}
