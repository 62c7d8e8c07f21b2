import { HEADERS, HTTP_CODE, REDIRECT, RENDER } from '../metadata/metadata-keys';

function onHandler(key: string, value: unknown): MethodDecorator {
  return (_target, _key, descriptor) => {
    Reflect.defineMetadata(key, value, descriptor.value as object);
  };
}

/**
 * Sets the status of a successful response. Default: 201 for `POST` (as in NestJS and the HTTP
 * convention for creation), else 200, or 204 when the handler returns `undefined`.
 *
 * @example
 * @Post('login') @HttpCode(200) login(@Body() dto: LoginDto) {}
 * @Post() create(@Body() dto: CreateTodoDto) {}   // 201
 */
export function HttpCode(status: number): MethodDecorator {
  return onHandler(HTTP_CODE, status);
}

/**
 * Adds a response header to every successful response of the route.
 *
 * @example
 * @Get() @Header('Cache-Control', 'no-store') list() {}
 */
export function Header(name: string, value: string): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const headers = (Reflect.getMetadata(HEADERS, handler) as [string, string][] | undefined) ?? [];
    Reflect.defineMetadata(HEADERS, [...headers, [name, value]], handler);
  };
}

export interface RedirectMetadata {
  url: string;
  status: number;
}

/**
 * Redirects to `url`. The handler may return `{ url, statusCode }` to choose another target.
 *
 * @example
 * @Get('docs') @Redirect('https://docs.example.test', 301) docs() {}
 */
export function Redirect(url = '', status = 302): MethodDecorator {
  return onHandler(REDIRECT, { url, status } satisfies RedirectMetadata);
}

/**
 * Renders the handler's result with the template through @fastify/view (configure `views` in
 * the application options). Values are HTML-escaped.
 *
 * @example
 * @Get() @Render('index') home() { return { title: 'Todos' }; }
 */
export function Render(template: string): MethodDecorator {
  return onHandler(RENDER, template);
}

export function getHttpCode(handler: Function): number | undefined {
  return Reflect.getMetadata(HTTP_CODE, handler) as number | undefined;
}
/**
 * The status a route answers with on success when it says nothing else: `@HttpCode`, else 201
 * for `POST`; `undefined` leaves the responder's default (200, or 204 for no result).
 */
export function successStatus(method: string, handler: Function): number | undefined {
  return getHttpCode(handler) ?? (method === 'POST' ? 201 : undefined);
}
export function getResponseHeaders(handler: Function): [string, string][] {
  return (Reflect.getMetadata(HEADERS, handler) as [string, string][] | undefined) ?? [];
}
export function getRedirect(handler: Function): RedirectMetadata | undefined {
  return Reflect.getMetadata(REDIRECT, handler) as RedirectMetadata | undefined;
}
export function getRenderTemplate(handler: Function): string | undefined {
  return Reflect.getMetadata(RENDER, handler) as string | undefined;
}
