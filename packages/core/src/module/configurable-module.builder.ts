import type { ValidationError } from 'class-validator';
import { classTransformer, classValidator } from '../loading/lazy-modules';
import { InjectionToken } from '../metadata/injection-token';
import type { Token } from '../metadata/token';
import type { Type } from '../metadata/type';
import { TenonError } from '../errors/tenon.error';
import { CoreErrorCode } from '../errors/errors';
import type { DynamicModule, ModuleExport, ModuleImport } from './module-metadata';
import type { FactoryDependency, Provider } from './provider';

/** A class that builds module options, for `forRootAsync({ useClass })`. */
export interface ModuleOptionsFactory<O> {
  createModuleOptions(): O | Promise<O>;
}

/** The argument of a generated `forRootAsync()`. */
export interface AsyncModuleOptions<O> {
  imports?: ModuleImport[];
  inject?: FactoryDependency[];
  useFactory?: (...args: never[]) => O | Promise<O>;
  useClass?: Type<ModuleOptionsFactory<O>>;
  useExisting?: Token<ModuleOptionsFactory<O>>;
  /** Make the module's exports visible everywhere (overrides the definition's default). */
  global?: boolean;
}

/** What `forFeature()` adds to the module. */
export interface FeatureDefinition {
  providers?: Provider[];
  exports?: ModuleExport[];
  imports?: ModuleImport[];
}

/** Describes a configurable module once; the helper writes `forRoot`/`forRootAsync`/`forFeature`. */
export interface ConfigurableModuleDefinition<O, F> {
  /** Used in error messages and as the options token's description. */
  name: string;
  /** A class describing the options: field defaults apply and class-validator decorators are checked. */
  options?: Type<O>;
  /** Extra checks; return one message per problem. */
  validate?: (options: O) => string[];
  /** Whether forRoot/forRootAsync modules are global by default. */
  global?: boolean;
  /** Providers added by forRoot/forRootAsync, built from the options token. */
  providers?: (optionsToken: InjectionToken<O>) => Provider[];
  /** Tokens exported by forRoot/forRootAsync besides the options token. */
  exports?: ModuleExport[];
  /** Builds what `forFeature(featureOptions)` adds. */
  forFeature?: (featureOptions: F) => FeatureDefinition;
}

export interface ConfigurableModuleStatics<O, F> {
  forRoot(this: Type, options: O & { global?: boolean }): DynamicModule;
  forRootAsync(this: Type, options: AsyncModuleOptions<O>): DynamicModule;
  forFeature(this: Type, featureOptions: F): DynamicModule;
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/**
 * Builds the static `forRoot`, `forRootAsync` and `forFeature` of a dynamic module from one
 * definition, so module authors write neither by hand. Options are validated when the module
 * is built (forRoot) or when the async factory settles (forRootAsync).
 *
 * @example
 * class CacheOptions { @IsInt() ttl = 60; }
 * export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } = createConfigurableModule({
 *   name: 'CacheModule', options: CacheOptions,
 *   providers: (opts) => [{ provide: Cache, useFactory: (o: CacheOptions) => new Cache(o.ttl), inject: [opts] }],
 *   exports: [Cache],
 * });
 * @Module({})
 * export class CacheModule extends ConfigurableModuleClass {}
 * // CacheModule.forRoot({ ttl: 30 }) or CacheModule.forRootAsync({ inject: [AppConfig], useFactory: (c) => c.cache })
 */
export function createConfigurableModule<O extends object, F = never>(
  definition: ConfigurableModuleDefinition<O, F>,
): {
  ConfigurableModuleClass: ConfigurableModuleStatics<O, F> & (new () => object);
  MODULE_OPTIONS_TOKEN: InjectionToken<O>;
} {
  const token = new InjectionToken<O>(`${definition.name} options`);
  const finish = (raw: O): O => {
    const options = definition.options
      ? (classTransformer().plainToInstance(definition.options as unknown as new () => object, raw, {
          exposeDefaultValues: true,
        }) as O)
      : raw;
    const problems = [
      // An options class may have defaults and no rules: that is not an "unknown value".
      ...(definition.options
        ? flatten(classValidator().validateSync(options as object, { forbidUnknownValues: false }))
        : []),
      ...(definition.validate?.(options) ?? []),
    ];
    if (problems.length) {
      throw new TenonError(
        CoreErrorCode.INVALID_MODULE_OPTIONS,
        `${definition.name} options are invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems
          .map((p) => `  - ${p}`)
          .join('\n')}\n  Fix: correct the options passed to ${definition.name}.forRoot()/forRootAsync().`,
      );
    }
    return options;
  };
  const rootProviders = (): Provider[] => definition.providers?.(token) ?? [];
  const rootExports = (): ModuleExport[] => [token, ...(definition.exports ?? [])];

  class ConfigurableModuleClass {
    static forRoot(this: Type, options: O & { global?: boolean }): DynamicModule {
      const { global, ...rest } = options;
      return {
        module: this,
        global: global ?? definition.global ?? false,
        providers: [{ provide: token, useValue: finish(rest as O) }, ...rootProviders()],
        exports: rootExports(),
      };
    }

    static forRootAsync(this: Type, options: AsyncModuleOptions<O>): DynamicModule {
      const providers: Provider[] = [];
      if (options.useFactory) {
        const factory = options.useFactory as (...args: unknown[]) => O | Promise<O>;
        providers.push({
          provide: token,
          useFactory: async (...args: unknown[]) => finish(await factory(...args)),
          inject: options.inject ?? [],
        });
      } else {
        const source = options.useClass ?? options.useExisting;
        if (!source) {
          throw new TenonError(
            CoreErrorCode.INVALID_MODULE_OPTIONS,
            `${definition.name}.forRootAsync() needs one of useFactory, useClass or useExisting.\n  Fix: e.g. ${definition.name}.forRootAsync({ inject: [AppConfig], useFactory: (config) => ({ ... }) }).`,
          );
        }
        if (options.useClass) providers.push(options.useClass);
        providers.push({
          provide: token,
          useFactory: async (f: ModuleOptionsFactory<O>) => finish(await f.createModuleOptions()),
          inject: [source],
        });
      }
      return {
        module: this,
        global: options.global ?? definition.global ?? false,
        imports: options.imports ?? [],
        providers: [...providers, ...rootProviders()],
        exports: rootExports(),
      };
    }

    static forFeature(this: Type, featureOptions: F): DynamicModule {
      if (!definition.forFeature) {
        throw new TenonError(
          CoreErrorCode.INVALID_MODULE_OPTIONS,
          `${definition.name} has no forFeature().\n  Fix: use ${definition.name}.forRoot() or forRootAsync().`,
        );
      }
      return { module: this, ...definition.forFeature(featureOptions) };
    }
  }
  return { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN: token };
}
