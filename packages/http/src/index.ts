// Types only: @tenon/core checks at import that the Reflect metadata polyfill is loaded.
import type {} from 'reflect-metadata';

export { HttpErrorCode } from './errors/errors';
export { HttpBootError } from './errors/http-boot.error';
export { RouteConflictError } from './errors/route-conflict.error';
export { InvalidRoutePathError } from './errors/invalid-route-path.error';
export {
  InvalidEnhancerError,
  EnhancerNotProvidedError,
  AlreadyInitializedError,
} from './errors/enhancer.errors';
export { InvalidGuardResultError } from './errors/invalid-guard-result.error';
export { NotInitializedError, NotListeningError } from './errors/application-state.errors';
export { RxjsNotInstalledError } from './errors/rxjs-not-installed.error';
export { InvalidMiddlewareConfigError } from './errors/invalid-middleware-config.error';

export { HttpException } from './exceptions/http.exception';
export { HttpStatus } from './exceptions/http-status';
export type { HttpExceptionOptions, ProblemFieldError } from './exceptions/http.exception';
export {
  BadRequestException,
  UnauthorizedException,
  PaymentRequiredException,
  ForbiddenException,
  NotFoundException,
  MethodNotAllowedException,
  NotAcceptableException,
  RequestTimeoutException,
  ConflictException,
  GoneException,
  PreconditionFailedException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
  ImATeapotException,
  MisdirectedException,
  UnprocessableEntityException,
  TooManyRequestsException,
  InternalServerErrorException,
  NotImplementedException,
  BadGatewayException,
  ServiceUnavailableException,
  GatewayTimeoutException,
  HttpVersionNotSupportedException,
} from './exceptions/http-exceptions';
export { PROBLEM_CONTENT_TYPE } from './problem/problem-details';
export type { ProblemDetails } from './problem/problem-details';
export { mapErrorToProblem } from './problem/problem-mapper';
export type { MappedProblem } from './problem/problem-mapper';

export { Controller } from './decorators/controller.decorator';
export type { ControllerOptions } from './decorators/controller.decorator';
export { Get, Post, Put, Patch, Delete, Head, Options, All, Version } from './decorators/route.decorator';
export { HttpCode, Header, Redirect, Render } from './decorators/response.decorators';
export { NoStore } from './decorators/no-store.decorator';
export { RateLimit } from './decorators/rate-limit.decorator';
export type { RouteRateLimit } from './decorators/rate-limit.decorator';
export {
  Body,
  Param,
  Query,
  Headers,
  Req,
  Res,
  Req as Request,
  Res as Response,
  Ip,
  createParamDecorator,
} from './decorators/param.decorators';
export type { PipeRef } from './decorators/param.decorators';
export { UseGuards, UseInterceptors, UsePipes, UseFilters, Catch } from './decorators/enhancer.decorators';
export { SetMetadata } from './decorators/set-metadata.decorator';
export { SerializeOptions } from './decorators/serialize-options.decorator';
export { Reflector } from './metadata/reflector';
export type { CreateDecoratorOptions, ReflectableDecorator } from './metadata/reflector';
export { VERSION_NEUTRAL } from './metadata/version';
export type { VersionValue } from './metadata/version';
export type { HttpMethod } from './metadata/http-method';
export type {
  ArgumentsHost,
  HttpArgumentsHost,
  ExecutionContext,
  CanActivate,
  CallHandler,
  TenonInterceptor,
  ArgumentMetadata,
  PipeTransform,
  ExceptionFilter,
  MiddlewareFunction,
  TenonMiddleware,
  EnhancerRef,
} from './metadata/enhancer-types';
export type { ObservableLike } from './pipeline/observable';
export { createHandlerPipeline } from './pipeline/handler-pipeline';
export type { HandlerPipeline, HandlerPipelineOptions } from './pipeline/handler-pipeline';
export { appEnhancersOf } from './pipeline/app-enhancers-of';
export type { AppEnhancers } from './pipeline/app-enhancers-of';

export { ParseIntPipe } from './pipes/parse-int.pipe';
export { ParseFloatPipe } from './pipes/parse-float.pipe';
export { ParseBoolPipe } from './pipes/parse-bool.pipe';
export { ParseUUIDPipe } from './pipes/parse-uuid.pipe';
export { ParseEnumPipe } from './pipes/parse-enum.pipe';
export { ParseArrayPipe } from './pipes/parse-array.pipe';
export type { ParseArrayPipeOptions } from './pipes/parse-array.pipe';
export { DefaultValuePipe } from './pipes/default-value.pipe';
export type { ParsePipeOptions } from './pipes/parse-error';
export { ValidationPipe } from './validation/validation.pipe';
export type { ValidationPipeOptions } from './validation/validation.pipe';
export { compileDtoSchema } from './validation/dto-schema-compiler';
export type { CompiledDtoSchema, DtoSchemaOptions } from './validation/dto-schema-compiler';
export type { JsonSchema } from './validation/json-schema';

export type { VersioningOptions } from './routing/versioning';
export type { TrailingSlash } from './routing/trailing-slash';
export { HttpApplication } from './application/http-application';
export type { HttpRequest, HttpReply } from './application/http-types';
export { NoController } from './pipeline/no-controller';
export type {
  HttpApplicationOptions,
  MiddlewareRegistration,
  RouteFilter,
  RouteFilterMethod,
  ViewsOptions,
  StaticFilesOptions,
  HttpLoggerOptions,
} from './application/http-application-options';
export type { ServerLimitsOptions } from './application/server-limits';
export { DEFAULT_SERVER_LIMITS } from './application/server-limits';
export { RequestMethod } from './middleware/request-method';
export type {
  MiddlewareConsumer,
  MiddlewareConfigProxy,
  MiddlewareRef,
  RouteInfo,
  TenonModule,
} from './middleware/middleware-consumer';
export { REQUEST } from './application/request-token';
export { APP_GUARD, APP_INTERCEPTOR, APP_PIPE, APP_FILTER } from './application/app-enhancer.tokens';
export type { OpenApiOptions } from './openapi/openapi-options';
export { ApiOperation, ApiResponse, ApiTags, ApiExcludeEndpoint, Throws } from './openapi/api.decorators';
export type { ApiOperationOptions, ApiResponseOptions } from './openapi/api.decorators';
export { HealthModule } from './health/health.module';
export { HealthService } from './health/health.service';
export { AUTO_HEALTH_INDICATOR } from './health/auto-health-indicator';
export type { HealthReport } from './health/health.service';
export type { HealthIndicator, HealthCheckResult } from './health/health-indicator';
export type { HealthModuleOptions } from './health/health.tokens';
export { MetricsModule } from './metrics/metrics.module';
export { MetricsService } from './metrics/metrics.service';
export type { MetricsModuleOptions } from './metrics/metrics.tokens';
export type { HttpConfigurer } from './application/http-state';
