import { Inject, Injectable, Module } from '@tenon/core';
import type { FastifyRequest } from 'fastify';
import { Controller, Get, REQUEST, type CanActivate } from '@tenon/http';

@Injectable()
export class TenantReader {
  constructor(@Inject(REQUEST) private readonly request: FastifyRequest) {}
  tenant() {
    return this.request.headers['x-tenant'];
  }
}

/** Built by hand (`new TenantGuard(app.get(TenantReader))`): boot cannot see what it holds. */
export class TenantGuard implements CanActivate {
  constructor(private readonly reader: TenantReader) {}
  canActivate() {
    return this.reader.tenant() !== undefined;
  }
}

@Controller('reports')
export class ReportsController {
  @Get() list() {
    return ['q1'];
  }
}

@Module({ controllers: [ReportsController], providers: [TenantReader] })
export class InstanceEnhancerModule {}
