import { HttpException, type HttpExceptionOptions } from './http.exception';

// One class per status so handlers read as intent and filters can @Catch a family member.

/**
 * 400: the standard HTTP status as an exception.
 *
 * @example
 * throw new BadRequestException('explain what went wrong and how to fix it');
 */
export class BadRequestException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 400, options);
  }
}

/**
 * 401: the standard HTTP status as an exception.
 *
 * @example
 * throw new UnauthorizedException('explain what went wrong and how to fix it');
 */
export class UnauthorizedException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 401, options);
  }
}

/**
 * 402: the standard HTTP status as an exception.
 *
 * @example
 * throw new PaymentRequiredException('explain what went wrong and how to fix it');
 */
export class PaymentRequiredException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 402, options);
  }
}

/**
 * 403: the standard HTTP status as an exception.
 *
 * @example
 * throw new ForbiddenException('explain what went wrong and how to fix it');
 */
export class ForbiddenException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 403, options);
  }
}

/**
 * 404: the standard HTTP status as an exception.
 *
 * @example
 * throw new NotFoundException('explain what went wrong and how to fix it');
 */
export class NotFoundException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 404, options);
  }
}

/**
 * 405: the standard HTTP status as an exception.
 *
 * @example
 * throw new MethodNotAllowedException('explain what went wrong and how to fix it');
 */
export class MethodNotAllowedException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 405, options);
  }
}

/**
 * 406: the standard HTTP status as an exception.
 *
 * @example
 * throw new NotAcceptableException('explain what went wrong and how to fix it');
 */
export class NotAcceptableException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 406, options);
  }
}

/**
 * 408: the standard HTTP status as an exception.
 *
 * @example
 * throw new RequestTimeoutException('explain what went wrong and how to fix it');
 */
export class RequestTimeoutException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 408, options);
  }
}

/**
 * 409: the standard HTTP status as an exception.
 *
 * @example
 * throw new ConflictException('explain what went wrong and how to fix it');
 */
export class ConflictException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 409, options);
  }
}

/**
 * 410: the standard HTTP status as an exception.
 *
 * @example
 * throw new GoneException('explain what went wrong and how to fix it');
 */
export class GoneException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 410, options);
  }
}

/**
 * 412: the standard HTTP status as an exception.
 *
 * @example
 * throw new PreconditionFailedException('explain what went wrong and how to fix it');
 */
export class PreconditionFailedException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 412, options);
  }
}

/**
 * 413: the standard HTTP status as an exception.
 *
 * @example
 * throw new PayloadTooLargeException('explain what went wrong and how to fix it');
 */
export class PayloadTooLargeException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 413, options);
  }
}

/**
 * 415: the standard HTTP status as an exception.
 *
 * @example
 * throw new UnsupportedMediaTypeException('explain what went wrong and how to fix it');
 */
export class UnsupportedMediaTypeException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 415, options);
  }
}

/**
 * 418: the standard HTTP status as an exception.
 *
 * @example
 * throw new ImATeapotException('explain what went wrong and how to fix it');
 */
export class ImATeapotException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 418, options);
  }
}

/**
 * 421: the standard HTTP status as an exception.
 *
 * @example
 * throw new MisdirectedException('explain what went wrong and how to fix it');
 */
export class MisdirectedException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 421, options);
  }
}

/**
 * 422: the standard HTTP status as an exception.
 *
 * @example
 * throw new UnprocessableEntityException('explain what went wrong and how to fix it');
 */
export class UnprocessableEntityException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 422, options);
  }
}

/**
 * 429: the standard HTTP status as an exception.
 *
 * @example
 * throw new TooManyRequestsException('explain what went wrong and how to fix it');
 */
export class TooManyRequestsException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 429, options);
  }
}

/**
 * 500: the standard HTTP status as an exception.
 *
 * @example
 * throw new InternalServerErrorException('explain what went wrong and how to fix it');
 */
export class InternalServerErrorException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 500, options);
  }
}

/**
 * 501: the standard HTTP status as an exception.
 *
 * @example
 * throw new NotImplementedException('explain what went wrong and how to fix it');
 */
export class NotImplementedException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 501, options);
  }
}

/**
 * 502: the standard HTTP status as an exception.
 *
 * @example
 * throw new BadGatewayException('explain what went wrong and how to fix it');
 */
export class BadGatewayException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 502, options);
  }
}

/**
 * 503: the standard HTTP status as an exception.
 *
 * @example
 * throw new ServiceUnavailableException('explain what went wrong and how to fix it');
 */
export class ServiceUnavailableException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 503, options);
  }
}

/**
 * 504: the standard HTTP status as an exception.
 *
 * @example
 * throw new GatewayTimeoutException('explain what went wrong and how to fix it');
 */
export class GatewayTimeoutException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 504, options);
  }
}

/**
 * 505: the standard HTTP status as an exception.
 *
 * @example
 * throw new HttpVersionNotSupportedException('explain what went wrong and how to fix it');
 */
export class HttpVersionNotSupportedException extends HttpException {
  constructor(detail?: string | Record<string, unknown>, options?: HttpExceptionOptions | string) {
    super(detail, 505, options);
  }
}
