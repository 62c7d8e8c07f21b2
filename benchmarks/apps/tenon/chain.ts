import { Injectable, Scope } from '@tenon/core';
import { Controller, Get, Param } from '@tenon/http';
import { chainLink, type ChainResult } from '../shared/payloads';

@Injectable()
export class ServiceC {
  find(id: string): { id: string; c: 'c' } {
    return chainLink(id);
  }
}

@Injectable()
export class ServiceB {
  constructor(private readonly c: ServiceC) {}
  enrich(id: string): Omit<ChainResult, 'a'> {
    return { ...this.c.find(id), b: 'b' };
  }
}

@Injectable()
export class ServiceA {
  constructor(private readonly b: ServiceB) {}
  get(id: string): ChainResult {
    return { ...this.b.enrich(id), a: 'a' };
  }
}

@Controller('chain')
export class ChainController {
  constructor(private readonly a: ServiceA) {}
  @Get(':id')
  get(@Param('id') id: string): ChainResult {
    return this.a.get(id);
  }
}

/* One request-scoped service at the end of the chain; B (a singleton) receives a proxy to it. */
@Injectable({ scope: Scope.REQUEST })
export class RequestServiceC {
  readonly createdAt = Date.now();
  find(id: string): { id: string; c: 'c' } {
    return chainLink(id);
  }
}

@Injectable()
export class RequestServiceB {
  constructor(private readonly c: RequestServiceC) {}
  enrich(id: string): Omit<ChainResult, 'a'> {
    return { ...this.c.find(id), b: 'b' };
  }
}

@Injectable()
export class RequestServiceA {
  constructor(private readonly b: RequestServiceB) {}
  get(id: string): ChainResult {
    return { ...this.b.enrich(id), a: 'a' };
  }
}

@Controller('chain-request')
export class ChainRequestController {
  constructor(private readonly a: RequestServiceA) {}
  @Get(':id')
  get(@Param('id') id: string): ChainResult {
    return this.a.get(id);
  }
}
