import 'reflect-metadata';
import { IsInt, IsString, Min } from 'class-validator';
import {
  ApplicationContext,
  Inject,
  Injectable,
  Module,
  createConfigurableModule,
  type ModuleOptionsFactory,
} from '@tenon/core';

class CacheOptions {
  @IsInt() @Min(1) ttl = 60;
  @IsString() prefix = 'app';
}

const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } = createConfigurableModule<CacheOptions, string[]>({
  name: 'CacheModule',
  options: CacheOptions,
  providers: (token) => [
    { provide: 'CACHE', useFactory: (o: CacheOptions) => `${o.prefix}:${o.ttl}`, inject: [token] },
  ],
  exports: ['CACHE'],
  forFeature: (names) => ({
    providers: names.map((n) => ({ provide: `cache:${n}`, useValue: n })),
    exports: names.map((n) => `cache:${n}`),
  }),
});

@Module({})
class CacheModule extends ConfigurableModuleClass {}

@Injectable()
class Settings {
  readonly ttl = 5;
}
@Module({ providers: [Settings], exports: [Settings] })
class SettingsModule {}

describe('createConfigurableModule', () => {
  it('forRoot validates options, applies class defaults and exports the options token', async () => {
    @Module({ imports: [CacheModule.forRoot({ ttl: 10 } as CacheOptions)] })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(ctx.get('CACHE')).toBe('app:10');
    expect(ctx.get(MODULE_OPTIONS_TOKEN)).toBeInstanceOf(CacheOptions);
    expect(() => CacheModule.forRoot({ ttl: 0, prefix: 'x' })).toThrow(
      expect.objectContaining({
        code: 'TENON_CORE_INVALID_MODULE_OPTIONS',
        message:
          'CacheModule options are invalid (1 problem):\n  - ttl: ttl must not be less than 1\n  Fix: correct the options passed to CacheModule.forRoot()/forRootAsync().',
      }),
    );
  });

  it('forRootAsync with useFactory + inject + imports, and validation when the factory settles', async () => {
    @Module({
      imports: [
        CacheModule.forRootAsync({
          imports: [SettingsModule],
          inject: [Settings],
          useFactory: async (s: Settings) => ({ ttl: s.ttl, prefix: 'p' }),
        }),
      ],
    })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(ctx.get('CACHE')).toBe('p:5');

    @Module({ imports: [CacheModule.forRootAsync({ useFactory: () => ({ ttl: -1, prefix: 'p' }) })] })
    class BadModule {}
    await expect(ApplicationContext.create(BadModule)).rejects.toMatchObject({
      code: 'TENON_CORE_INVALID_MODULE_OPTIONS',
    });
  });

  it('forRootAsync with useClass, global, and forFeature', async () => {
    @Injectable()
    class OptionsFactory implements ModuleOptionsFactory<CacheOptions> {
      createModuleOptions() {
        return { ttl: 7, prefix: 'c' };
      }
    }
    @Injectable()
    class Consumer {
      constructor(
        @Inject('CACHE') readonly cache: string,
        @Inject('cache:users') readonly users: string,
      ) {}
    }
    @Module({ imports: [CacheModule.forFeature(['users'])], providers: [Consumer] })
    class FeatureModule {}
    @Module({
      imports: [CacheModule.forRootAsync({ useClass: OptionsFactory, global: true }), FeatureModule],
    })
    class AppModule {}
    const ctx = await ApplicationContext.create(AppModule);
    expect(ctx.get(Consumer)).toMatchObject({ cache: 'c:7', users: 'users' });
  });
});
