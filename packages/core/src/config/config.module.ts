import { Module } from '../decorators/module.decorator';
import type { DynamicModule } from '../module/module-metadata';
import type { Provider } from '../module/provider';
import type { Type } from '../metadata/type';
import type { ConfigModuleOptions } from './config-options';
import { describeSchema, nestedNodes } from './config-schema';
import { loadConfig } from './config.loader';

/**
 * Typed configuration: binds `.env`, `.env.<profile>` and the environment onto a schema class,
 * validates it at boot and provides it by type, with every nested `@ConfigProperties` group
 * injectable by its own type too.
 *
 * @example
 * @ConfigProperties('db')
 * export class DbConfig {
 *   @IsString() host = 'localhost';
 *   @Secret() @IsString() @MinLength(8) password!: string;
 * }
 *
 * export class AppConfig {
 *   @IsInt() @Min(1) port = 3000;
 *   @IsString() databaseUrl = 'pglite://memory';
 *   @ValidateNested() db!: DbConfig;
 * }
 *
 * @Module({ imports: [ConfigModule.forRoot({ schema: AppConfig })] })
 * export class AppModule {}
 *
 * @Injectable()
 * export class Db { constructor(config: AppConfig, db: DbConfig) {} }
 */
@Module({})
export class ConfigModule {
  /**
   * A global module (unless `global: false`) providing `schema` and its nested groups. The
   * schema's shape is checked now; the variables are read and validated when the application
   * instantiates the configuration at boot.
   */
  static forRoot<T extends object>(options: ConfigModuleOptions<T>): DynamicModule {
    const root = describeSchema(options.schema);
    const groups = nestedNodes(root);
    const providers: Provider[] = [
      { provide: options.schema, useFactory: () => loadConfig(options) },
      ...groups.map((group): Provider => ({
        provide: group.type,
        useFactory: (config: T) => pick(config, group.path),
        inject: [options.schema],
      })),
    ];
    return {
      module: ConfigModule,
      global: options.global ?? true,
      providers,
      exports: [options.schema, ...groups.map((group): Type<object> => group.type)],
    };
  }
}

function pick(config: object, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], config);
}
