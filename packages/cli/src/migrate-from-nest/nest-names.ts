/**
 * Where each NestJS name lives in Tenon. The codemod reads this table, the migration guide
 * (`docs/migrating-from-nest.md`) prints the same names, and a test checks that every `name`
 * below is exported by its Tenon package, so the table cannot drift from the code.
 */
export interface TenonSpelling {
  /** The Tenon package that exports the name. */
  readonly module: string;
  /** The exported name; the Nest name when absent. */
  readonly name?: string;
  /** Left beside the import as a `// TODO(tenon):` comment: what a human must check. */
  readonly todo?: string;
}

/** A Nest name with no Tenon spelling: its import stays and a TODO says what to do instead. */
export interface NoSpelling {
  readonly module?: undefined;
  readonly todo: string;
}

export type NestNameMapping = TenonSpelling | NoSpelling;

const CORE = '@tenon/core';
const HTTP = '@tenon/http';
const TESTING = '@tenon/testing';
const SECURITY = '@tenon/security';

const same = (module: string, names: string[]): Record<string, TenonSpelling> =>
  Object.fromEntries(names.map((n) => [n, { module }]));

const httpExceptions = [
  'HttpException',
  'BadRequestException',
  'UnauthorizedException',
  'PaymentRequiredException',
  'ForbiddenException',
  'NotFoundException',
  'MethodNotAllowedException',
  'NotAcceptableException',
  'RequestTimeoutException',
  'ConflictException',
  'GoneException',
  'PreconditionFailedException',
  'PayloadTooLargeException',
  'UnsupportedMediaTypeException',
  'ImATeapotException',
  'MisdirectedException',
  'UnprocessableEntityException',
  'TooManyRequestsException',
  'InternalServerErrorException',
  'NotImplementedException',
  'BadGatewayException',
  'ServiceUnavailableException',
  'GatewayTimeoutException',
  'HttpVersionNotSupportedException',
];

/** `@nestjs/common`: the container names go to `@tenon/core`, everything HTTP to `@tenon/http`. */
const common: Record<string, NestNameMapping> = {
  ...same(CORE, [
    'Module',
    'Global',
    'Injectable',
    'Inject',
    'Optional',
    'forwardRef',
    'Scope',
    'Logger',
    'DynamicModule',
    'Provider',
    'Type',
    'Abstract',
    'ModuleMetadata',
    'OnModuleInit',
    'OnApplicationBootstrap',
    'OnModuleDestroy',
    'BeforeApplicationShutdown',
    'OnApplicationShutdown',
  ]),
  ...same(HTTP, [
    'Controller',
    'Get',
    'Post',
    'Put',
    'Patch',
    'Delete',
    'Head',
    'Options',
    'All',
    'Version',
    'VERSION_NEUTRAL',
    'HttpCode',
    'Header',
    'Redirect',
    'Render',
    'Body',
    'Param',
    'Query',
    'Headers',
    'Req',
    'Res',
    'Ip',
    'createParamDecorator',
    'UseGuards',
    'UseInterceptors',
    'UsePipes',
    'UseFilters',
    'Catch',
    'SetMetadata',
    'SerializeOptions',
    'ExecutionContext',
    'CanActivate',
    'CallHandler',
    'PipeTransform',
    'ArgumentMetadata',
    'ExceptionFilter',
    'ParseIntPipe',
    'ParseFloatPipe',
    'ParseBoolPipe',
    'ParseUUIDPipe',
    'ParseEnumPipe',
    'ParseArrayPipe',
    'DefaultValuePipe',
    'ValidationPipe',
    'HttpStatus',
    'ArgumentsHost',
    'MiddlewareConsumer',
    'MiddlewareConfigProxy',
    'RequestMethod',
    'RouteInfo',
    ...httpExceptions,
  ]),
  NestInterceptor: { module: HTTP, name: 'TenonInterceptor' },
  NestMiddleware: { module: HTTP, name: 'TenonMiddleware' },
  NestModule: { module: HTTP, name: 'TenonModule' },
  INestApplication: { module: HTTP, name: 'HttpApplication' },
  Request: { module: HTTP, name: 'Req' },
  Response: { module: HTTP, name: 'Res' },
  InjectionToken: {
    module: CORE,
    todo: "Nest's InjectionToken is a type; Tenon's is a class: declare tokens as `new InjectionToken<T>('name')`.",
  },
  ConfigurableModuleBuilder: {
    todo: 'use createConfigurableModule() from @tenon/core, which builds forRoot/forRootAsync from an options class.',
  },
  ClassSerializerInterceptor: {
    todo: 'Tenon serializes response DTOs itself (@Exclude/@Expose, @SerializeOptions): remove this interceptor.',
  },
  StreamableFile: {
    todo: 'return a Node stream or Buffer from the handler and set the content type with @Header().',
  },
  Next: { todo: 'Tenon handlers do not call next(): return the value or throw.' },
  Session: { todo: 'register @fastify/session on app.fastify and read request.session with @Req().' },
  UploadedFile: { todo: 'register @fastify/multipart on app.fastify and read the parts from @Req().' },
  UploadedFiles: { todo: 'register @fastify/multipart on app.fastify and read the parts from @Req().' },
  Sse: { todo: 'server-sent events are not in Tenon yet: write them to @Res() (the Fastify reply).' },
  HostParam: { todo: 'host routing is not in Tenon yet: read request.hostname with @Req().' },
};

/** `@nestjs/core`. */
const core: Record<string, NestNameMapping> = {
  NestFactory: { module: HTTP, name: 'HttpApplication' },
  Reflector: { module: HTTP },
  APP_GUARD: { module: HTTP },
  APP_INTERCEPTOR: { module: HTTP },
  APP_PIPE: { module: HTTP },
  APP_FILTER: { module: HTTP },
  DiscoveryService: { module: CORE },
  ModuleRef: {
    todo: 'inject ApplicationContext from @tenon/core (get/resolve) where ModuleRef was used.',
  },
  HttpAdapterHost: { todo: 'use app.fastify (the Fastify instance) instead of the HTTP adapter.' },
  BaseExceptionFilter: {
    todo: 'Tenon filters do not extend a base class: rethrow to fall back to the default answer.',
  },
};

/** `@nestjs/testing`. */
const testing: Record<string, NestNameMapping> = same(TESTING, [
  'Test',
  'TestingModule',
  'TestingModuleBuilder',
]);

/** `@nestjs/platform-fastify` and `@nestjs/platform-express`: Tenon always serves on Fastify. */
const platformFastify: Record<string, NestNameMapping> = {
  NestFastifyApplication: { module: HTTP, name: 'HttpApplication' },
  FastifyAdapter: { module: HTTP, name: 'HttpApplication' },
};
const platformExpress: Record<string, NestNameMapping> = {
  NestExpressApplication: {
    module: HTTP,
    name: 'HttpApplication',
    todo: 'Tenon serves on Fastify: Express middleware and req/res methods (res.json, res.locals) need Fastify equivalents.',
  },
  ExpressAdapter: { todo: 'Tenon serves on Fastify only.' },
};

/** `@nestjs/jwt` and `@nestjs/passport`: `@tenon/security`. */
const jwt: Record<string, NestNameMapping> = {
  JwtModule: { module: SECURITY, name: 'SecurityModule' },
  JwtService: { module: SECURITY },
  JwtModuleOptions: { module: SECURITY, name: 'SecurityModuleOptions' },
  JwtSignOptions: { module: SECURITY, name: 'SignOptions' },
};
const passport: Record<string, NestNameMapping> = {
  PassportModule: {
    todo: 'SecurityModule.forRoot() from @tenon/security authenticates every request (JWT, or strategies: [passportStrategy(...)]).',
  },
  AuthGuard: {
    todo: "SecurityModule's global guard replaces AuthGuard('jwt'); mark open routes with @Public() from @tenon/security.",
  },
  PassportStrategy: {
    todo: 'wrap the passport strategy with passportStrategy() from @tenon/security and list it in SecurityModule strategies.',
  },
};

/** `@nestjs/swagger`: Tenon writes the OpenAPI document from routes and DTOs; these refine it. */
const swagger: Record<string, NestNameMapping> = {
  ...same(HTTP, ['ApiOperation', 'ApiResponse', 'ApiTags', 'ApiExcludeEndpoint']),
  ApiProperty: { todo: 'Tenon reads DTO schemas from class-validator decorators: remove @ApiProperty.' },
  DocumentBuilder: {
    todo: 'pass openapi: { title, version } to HttpApplication.create(); /openapi.json and /docs are served.',
  },
  SwaggerModule: {
    todo: 'pass openapi: { title, version } to HttpApplication.create(); /openapi.json and /docs are served.',
  },
};

/** `@nestjs/config`. */
const config: Record<string, NestNameMapping> = {
  ConfigModule: {
    module: CORE,
    todo: 'Tenon config is typed: ConfigModule.forRoot({ schema: AppConfig }) with a class-validator class, injected by type.',
  },
  ConfigService: {
    todo: 'inject the config schema class instead of ConfigService (ConfigModule.forRoot({ schema })).',
  },
  registerAs: { todo: "use a nested @ConfigProperties('prefix') class from @tenon/core." },
};

/** Every mapped Nest package, by module specifier. */
export const NEST_NAMES: Readonly<Record<string, Readonly<Record<string, NestNameMapping>>>> = {
  '@nestjs/common': common,
  '@nestjs/core': core,
  '@nestjs/testing': testing,
  '@nestjs/platform-fastify': platformFastify,
  '@nestjs/platform-express': platformExpress,
  '@nestjs/jwt': jwt,
  '@nestjs/passport': passport,
  '@nestjs/config': config,
  '@nestjs/swagger': swagger,
};

/** Nest packages Tenon has no counterpart for yet, with what to do. */
export const NEST_PACKAGES_NOT_YET: Readonly<Record<string, string>> = {
  '@nestjs/microservices':
    'use @tenon/messaging (MessagingModule, @MessagePattern, @EventPattern, MessagingClient) when it is released.',
  '@nestjs/schedule': 'use @Cron/@Interval/@Timeout of ScheduleModule when it is released.',
  '@nestjs/typeorm': 'use @tenon/data (DataModule, @Entity, CrudRepository).',
  '@nestjs/mongoose': 'no MongoDB support in Tenon yet.',
  '@nestjs/websockets': 'no WebSocket gateways in Tenon yet.',
  '@nestjs/graphql': 'no GraphQL in Tenon yet.',
};

/** Where a Nest name goes: the table's entry, or undefined when the name is unknown. */
export function tenonSpelling(nestModule: string, name: string): NestNameMapping | undefined {
  return NEST_NAMES[nestModule]?.[name];
}
