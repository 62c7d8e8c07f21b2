import 'reflect-metadata';
import { Injectable, Module } from '@tenon/core';
import {
  Catch,
  Controller,
  Get,
  HttpApplication,
  HttpException,
  NotFoundException,
  Reflector,
  Request,
  Response,
  UseFilters,
  UseGuards,
  type ArgumentsHost,
  type CanActivate,
  type ExceptionFilter,
  type ExecutionContext,
  type HttpReply,
  type HttpRequest,
} from '@tenon/http';

export const Roles = Reflector.createDecorator<string[]>();
export const Public = Reflector.createDecorator<boolean | undefined, boolean>({
  transform: (v) => v ?? true,
});
export const Tagged = Reflector.createDecorator<string>({ key: 'tag' });

@Injectable()
class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}
  canActivate(ctx: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride(Public, [ctx.getHandler(), ctx.getClass()])) return true;
    // The default request type has room for the user an authentication guard sets.
    const request = ctx.switchToHttp().getRequest();
    request.user = { roles: String(request.headers['x-roles'] ?? '').split(',') };
    const roles: string[] | undefined = this.reflector.getAllAndOverride(Roles, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    const user = request.user as { roles: string[] };
    return !roles || roles.some((r) => user.roles.includes(r));
  }
}

@Catch(HttpException)
class HostFilter implements ExceptionFilter<HttpException> {
  catch(exception: HttpException, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const [request, reply] = host.getArgs<[HttpRequest, HttpReply]>();
    expect(host.getArgByIndex(0)).toBe(request);
    expect(http.getNext()).toBeUndefined();
    http
      .getResponse<HttpReply>()
      .code(exception.getStatus())
      .send({ type: host.getType(), path: http.getRequest().url, same: reply === http.getResponse() });
  }
}

@Controller('cats')
@Roles(['admin'])
@UseGuards(RolesGuard)
@UseFilters(HostFilter)
class CatsController {
  @Get() list() {
    return ['Tom'];
  }
  @Get('open') @Public() @Tagged('open') open(
    @Request() req: HttpRequest,
    @Response({ passthrough: true }) reply: HttpReply,
  ) {
    reply.header('x-seen', req.url);
    return 'open';
  }
  @Get('missing') @Public() missing() {
    throw new NotFoundException();
  }
}

@Module({ controllers: [CatsController] })
class AppModule {}

describe('ArgumentsHost, Reflector.createDecorator, @Request/@Response', () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(AppModule, { logger: false });
  });
  afterAll(() => app.close());

  it('typed decorators from Reflector.createDecorator drive a guard (route overrides class)', async () => {
    expect((await app.inject({ url: '/cats', headers: { 'x-roles': 'admin' } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/cats', headers: { 'x-roles': 'user' } })).json()).toEqual({
      type: 'http',
      path: '/cats',
      same: true,
    });
    const open = await app.inject('/cats/open');
    expect(open.body).toBe('open');
    expect(open.headers['x-seen']).toBe('/cats/open');
  });

  it('reflector.get(decorator, target) reads the stored (transformed) value; KEY is the key', () => {
    const reflector = app.get(Reflector);
    const handler = CatsController.prototype.open;
    const isPublic: boolean | undefined = reflector.get(Public, handler);
    expect(isPublic).toBe(true);
    expect(reflector.get(Roles, CatsController)).toEqual(['admin']);
    expect(reflector.get(Tagged, handler)).toBe('open');
    expect(Tagged.KEY).toBe('tag');
    expect(reflector.get<string>('tag', handler)).toBe('open');
    expect(Roles.KEY).not.toBe(Public.KEY);
    expect(reflector.getAllAndMerge(Roles, [handler, CatsController])).toEqual(['admin']);
  });

  it('an exception filter receives an ArgumentsHost', async () => {
    const res = await app.inject('/cats/missing');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ type: 'http', path: '/cats/missing', same: true });
  });
});
