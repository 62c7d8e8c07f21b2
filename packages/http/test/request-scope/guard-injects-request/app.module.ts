import { Inject, Injectable, Module, currentRequestContext } from '@tenon/core';
import type { FastifyRequest } from 'fastify';
import { Controller, Get, REQUEST, UseGuards, type CanActivate } from '@tenon/http';

// A singleton guard that injects REQUEST (a proxy to the current request).
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(@Inject(REQUEST) private readonly request: FastifyRequest) {}
  canActivate() {
    return this.request.headers['x-tenant'] !== undefined;
  }
}

@Controller('tenant')
export class TenantController {
  @Get('guarded')
  @UseGuards(TenantGuard)
  guarded() {
    return { scoped: currentRequestContext() !== undefined };
  }

  // Same controller, no guard: runs without a scope.
  @Get('open')
  open() {
    return { scoped: currentRequestContext() !== undefined };
  }
}

@Module({ controllers: [TenantController] })
export class GuardInjectsRequestModule {}
