/*
 * The shape of the generated boot apps, independent of the framework, so that Tenon and Nest boot
 * exactly the same graph: each module has `providersPerModule` providers; a provider needs an
 * earlier provider of its module, and every third one also an export of the previous module; each
 * module exports its first two providers, imports the previous module, and (for the HTTP boot)
 * has one controller with one GET route that needs the module's last provider. The root imports
 * every module.
 */

export interface GraphShape {
  modules: number;
  providersPerModule: number;
  /** One controller per module, for the HTTP boot. */
  controllers?: boolean;
}

type Ctor = abstract new (...args: never[]) => unknown;

/** The decorators a framework applies; Tenon's and Nest's have these same signatures. */
export interface GraphDecorators {
  Injectable(): ClassDecorator;
  Module(metadata: {
    imports: Ctor[];
    providers: Ctor[];
    exports: Ctor[];
    controllers?: Ctor[];
  }): ClassDecorator;
  Controller?(path: string): ClassDecorator;
  Get?(): MethodDecorator;
}

function named<T extends Ctor>(cls: T, name: string): T {
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

/**
 * Builds the graph with the given decorators. Classes are made at run time, so the metadata
 * TypeScript would emit (`design:paramtypes`) is written directly.
 */
export function buildGraph(shape: GraphShape, decorators: GraphDecorators): Ctor {
  const built: Ctor[] = [];
  let previousExports: Ctor[] = [];
  for (let m = 0; m < shape.modules; m++) {
    const providers: Ctor[] = [];
    for (let p = 0; p < shape.providersPerModule; p++) {
      const deps: Ctor[] = [];
      if (p > 0) deps.push(providers[(p * 7) % p]!);
      if (previousExports.length && p % 3 === 0) deps.push(previousExports[p % previousExports.length]!);
      const cls = named(
        class {
          readonly deps: unknown[];
          constructor(...args: unknown[]) {
            this.deps = args;
          }
        },
        `M${m}P${p}`,
      );
      decorators.Injectable()(cls);
      Reflect.defineMetadata('design:paramtypes', deps, cls);
      providers.push(cls);
    }
    const controllers: Ctor[] = [];
    if (shape.controllers && decorators.Controller && decorators.Get) {
      const moduleIndex = m;
      const controller = named(
        class {
          constructor(readonly service: unknown) {}
          get(): { module: number } {
            return { module: moduleIndex };
          }
        },
        `M${m}Controller`,
      );
      Reflect.defineMetadata('design:paramtypes', [providers[providers.length - 1]!], controller);
      decorators.Controller(`m${m}`)(controller);
      const descriptor = Object.getOwnPropertyDescriptor(controller.prototype, 'get')!;
      decorators.Get()(controller.prototype, 'get', descriptor);
      Reflect.defineMetadata('design:paramtypes', [], controller.prototype, 'get');
      Reflect.defineMetadata('design:returntype', Object, controller.prototype, 'get');
      controllers.push(controller);
    }
    const exports = providers.slice(0, 2);
    const imports = m > 0 ? [built[m - 1]!] : [];
    const mod = named(class {}, `Module${m}`);
    decorators.Module({ imports, providers, exports, ...(controllers.length ? { controllers } : {}) })(mod);
    built.push(mod);
    previousExports = exports;
  }
  const root = named(class {}, 'AppModule');
  decorators.Module({ imports: built, providers: [], exports: [] })(root);
  return root;
}
