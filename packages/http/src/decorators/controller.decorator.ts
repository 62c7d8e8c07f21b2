import { CONTROLLER } from '../metadata/metadata-keys';
import type { VersionValue } from '../metadata/version';

/** The object form of `@Controller()`. */
export interface ControllerOptions {
  /** The path prefix of every route of the controller (one or several). */
  path?: string | string[];
  /** With versioning on, the version(s) the routes answer. */
  version?: VersionValue;
  /** Only requests for this host (exact name or pattern) reach the routes. */
  host?: string | RegExp;
}

export interface ControllerMetadata {
  paths: string[];
  version: VersionValue | undefined;
  host: string | RegExp | undefined;
}

/**
 * Marks a class as a controller: its `@Get()`, `@Post()`… methods become routes under `prefix`.
 * List it in a module's `controllers`.
 *
 * @example
 * @Controller('todos')
 * export class TodoController {
 *   @Get(':id') get(@Param('id', ParseIntPipe) id: number) { return { id }; }
 * }
 * @Controller({ path: 'cats', version: '2', host: 'api.example.test' })
 */
export function Controller(prefixOrOptions: string | string[] | ControllerOptions = {}): ClassDecorator {
  const options: ControllerOptions =
    typeof prefixOrOptions === 'string' || Array.isArray(prefixOrOptions)
      ? { path: prefixOrOptions }
      : prefixOrOptions;
  const paths =
    options.path === undefined ? [''] : Array.isArray(options.path) ? [...options.path] : [options.path];
  const metadata: ControllerMetadata = { paths, version: options.version, host: options.host };
  return (target) => {
    Reflect.defineMetadata(CONTROLLER, metadata, target);
  };
}

export function getControllerMetadata(target: Function): ControllerMetadata | undefined {
  return Reflect.getMetadata(CONTROLLER, target) as ControllerMetadata | undefined;
}
