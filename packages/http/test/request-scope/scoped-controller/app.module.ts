import { Inject, Injectable, Module, Scope, currentRequestContext } from '@tenon/core';
import type { FastifyRequest } from 'fastify';
import { Controller, Get, REQUEST } from '@tenon/http';

// Request-scoped controller: its routes need a scope.
@Injectable({ scope: Scope.REQUEST })
@Controller('per-request')
export class PerRequestController {
  @Get() get() {
    return { scoped: currentRequestContext() !== undefined };
  }
}

@Injectable()
export class UserAgent {
  constructor(@Inject(REQUEST) private readonly request: FastifyRequest) {}
  value() {
    return this.request.headers['user-agent'];
  }
}

@Injectable()
export class Profile {
  constructor(private readonly agent: UserAgent) {}
  describe() {
    return `agent ${String(this.agent.value())}`;
  }
}

// A singleton controller two levels above REQUEST (Profile -> UserAgent -> REQUEST).
@Controller('profile')
export class ProfileController {
  constructor(private readonly profile: Profile) {}
  @Get() get() {
    return { profile: this.profile.describe(), scoped: currentRequestContext() !== undefined };
  }
}

// In the same application, a route that needs nothing.
@Controller('plain')
export class PlainController {
  @Get() get() {
    return { scoped: currentRequestContext() !== undefined };
  }
}

@Module({
  controllers: [PerRequestController, ProfileController, PlainController],
  providers: [UserAgent, Profile],
})
export class ScopedControllerModule {}
