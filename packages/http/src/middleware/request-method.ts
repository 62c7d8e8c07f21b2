/**
 * HTTP methods by name, for route filters of middleware (`{ path: 'cats', method:
 * RequestMethod.GET }`) as NestJS writes them. The values are the method names (NestJS's are
 * numbers), so `RequestMethod.GET` and `'GET'` are the same filter; `ALL` matches every method.
 *
 * @example
 * consumer.apply(AuditMiddleware).exclude({ path: 'cats', method: RequestMethod.GET }).forRoutes(CatsController);
 */
export enum RequestMethod {
  GET = 'GET',
  POST = 'POST',
  PUT = 'PUT',
  DELETE = 'DELETE',
  PATCH = 'PATCH',
  ALL = 'ALL',
  OPTIONS = 'OPTIONS',
  HEAD = 'HEAD',
}
