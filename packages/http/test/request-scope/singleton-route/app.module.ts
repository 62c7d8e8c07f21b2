import { Injectable, Module, currentRequestContext } from '@tenon/core';
import { Controller, Get, UseGuards, type CanActivate } from '@tenon/http';

/** A guard that injects nothing request-scoped. */
@Injectable()
export class OpenGuard implements CanActivate {
  canActivate() {
    return true;
  }
}

@Injectable()
export class Greeter {
  greet() {
    return 'hello';
  }
}

// A singleton controller whose whole graph is singletons: it needs no request scope.
@Controller('hello')
@UseGuards(OpenGuard)
export class HelloController {
  constructor(private readonly greeter: Greeter) {}
  @Get() get() {
    return { greeting: this.greeter.greet(), scoped: currentRequestContext() !== undefined };
  }
}

@Module({ controllers: [HelloController], providers: [Greeter] })
export class SingletonRouteModule {}
