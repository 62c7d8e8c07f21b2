import { Injectable } from '@tenon/core';
import { Catch, HttpException, type ExceptionFilter, type ExecutionContext } from '@tenon/http';

/** Answers an `HttpException` with its status and message; use it with `@UseFilters({{Name}}Filter)`. */
@Catch(HttpException)
@Injectable()
export class {{Name}}Filter implements ExceptionFilter<HttpException> {
  catch(exception: HttpException, context: ExecutionContext): void {
    context.getReply().code(exception.status).send({ status: exception.status, message: exception.message });
  }
}
