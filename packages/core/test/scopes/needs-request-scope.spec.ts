import 'reflect-metadata';
import {
  ApplicationContext,
  Inject,
  Injectable,
  InjectionToken,
  Module,
  Scope,
  forwardRef,
} from '@tenon/core';

@Injectable({ scope: Scope.REQUEST })
class Tenant {}

@Injectable()
class TenantReader {
  constructor(readonly tenant: Tenant) {}
}

@Injectable()
class Reports {
  constructor(readonly reader: TenantReader) {}
}

@Injectable()
class Clock {}

@Injectable()
class Plain {
  constructor(readonly clock: Clock) {}
}

const PLUGINS = new InjectionToken<unknown[]>('PLUGINS');

@Injectable()
class UsesPlugins {
  constructor(@Inject(PLUGINS) readonly plugins: unknown[]) {}
}

// A cycle through forwardRef, one side of which injects the request-scoped provider.
@Injectable()
class Left {
  constructor(@Inject(forwardRef(() => Right)) readonly right: unknown) {}
}
@Injectable()
class Right {
  constructor(
    readonly left: Left,
    readonly reader: TenantReader,
  ) {}
}

@Module({
  providers: [
    Tenant,
    TenantReader,
    { provide: 'SETTINGS', scope: Scope.REQUEST, useFactory: () => ({ per: 'request' }) },
  ],
  exports: [Tenant, TenantReader],
})
class TenantModule {}

@Module({
  imports: [TenantModule],
  providers: [
    Reports,
    Clock,
    Plain,
    UsesPlugins,
    Left,
    Right,
    { provide: PLUGINS, useValue: 'a', multi: true },
    { provide: PLUGINS, useFactory: (t: Tenant) => t, inject: [Tenant], multi: true, scope: Scope.REQUEST },
    { provide: 'READER_ALIAS', useExisting: TenantReader },
    { provide: 'SETTINGS', useValue: { per: 'application' } },
  ],
})
class AppModule {}

describe('context.needsRequestScope', () => {
  let context: ApplicationContext;
  beforeAll(async () => {
    context = await ApplicationContext.create(AppModule, { logger: false });
  });
  afterAll(() => context.close());

  it('is true for a request-scoped provider and for whatever injects it, at any depth', () => {
    expect(context.needsRequestScope(Tenant)).toBe(true);
    expect(context.needsRequestScope(TenantReader)).toBe(true);
    expect(context.needsRequestScope(Reports)).toBe(true);
    expect(context.needsRequestScope('READER_ALIAS')).toBe(true);
  });

  it('is false for providers whose whole graph is singletons, and for unknown tokens', () => {
    expect(context.needsRequestScope(Plain)).toBe(false);
    expect(context.needsRequestScope(Clock)).toBe(false);
    expect(context.needsRequestScope('NOTHING')).toBe(false);
  });

  it('follows multi providers and cycles through forwardRef', () => {
    expect(context.needsRequestScope(UsesPlugins)).toBe(true);
    expect(context.needsRequestScope(Left)).toBe(true);
    expect(context.needsRequestScope(Right)).toBe(true);
  });

  it('looks from the module given', () => {
    const tenantModule = context.select(TenantModule);
    expect(context.needsRequestScope(TenantReader, tenantModule)).toBe(true);
    expect(context.needsRequestScope('SETTINGS', tenantModule)).toBe(true);
    expect(context.needsRequestScope('SETTINGS')).toBe(false);
  });
});
