import 'reflect-metadata';
import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  InternalServerErrorException,
  NotFoundException,
  UnauthorizedException,
  UnprocessableEntityException,
} from '@tenon/http';
import { toConduitError } from '../../src/common/conduit-error';

const body = (...messages: string[]) => ({ errors: { body: messages } });

describe('toConduitError', () => {
  it('turns validation problems into 422 with one message per broken rule', () => {
    const error = new BadRequestException('The request body has 2 invalid fields: see errors.', {
      errors: [
        {
          property: 'user.email',
          constraints: { isEmail: 'email must be an email', maxLength: 'email is too long' },
        },
        {
          property: 'user.password',
          constraints: { isLength: 'password must be longer than or equal to 8 characters' },
        },
      ],
    });
    expect(toConduitError(error)).toEqual({
      status: 422,
      body: body(
        'email must be an email',
        'email is too long',
        'password must be longer than or equal to 8 characters',
      ),
    });
  });

  it('turns every other 400 (malformed JSON, a body that is not an object) into 422 with its detail', () => {
    expect(
      toConduitError(new BadRequestException('The request body is not valid JSON: fix the JSON syntax.')),
    ).toEqual({
      status: 422,
      body: body('The request body is not valid JSON: fix the JSON syntax.'),
    });
  });

  it('keeps the status and message of 401, 403, 404 and 422', () => {
    expect(toConduitError(new UnauthorizedException('no token'))).toEqual({
      status: 401,
      body: body('no token'),
    });
    expect(toConduitError(new ForbiddenException('not yours'))).toEqual({
      status: 403,
      body: body('not yours'),
    });
    expect(toConduitError(new NotFoundException('no such article'))).toEqual({
      status: 404,
      body: body('no such article'),
    });
    expect(toConduitError(new UnprocessableEntityException('taken'))).toEqual({
      status: 422,
      body: body('taken'),
    });
  });

  it('uses the status phrase when an HTTP error has no detail', () => {
    expect(toConduitError(new ForbiddenException())).toEqual({ status: 403, body: body('Forbidden') });
  });

  it('maps coded errors of other packages by their status, and Fastify client errors by statusCode', () => {
    const lock = Object.assign(new Error('The row changed'), {
      code: 'TENON_DATA_OPTIMISTIC_LOCK',
      status: 409,
    });
    expect(toConduitError(lock)).toEqual({ status: 409, body: body('The row changed') });
    const tooLarge = Object.assign(new Error('Request body is too large'), {
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
      statusCode: 413,
    });
    expect(toConduitError(tooLarge)).toEqual({ status: 413, body: body('Request body is too large') });
  });

  it('hides everything about server errors', () => {
    const internal = body('Internal server error');
    expect(toConduitError(new Error('connection to 10.0.0.5 refused'))).toEqual({
      status: 500,
      body: internal,
    });
    expect(toConduitError(new InternalServerErrorException('stack here'))).toEqual({
      status: 500,
      body: internal,
    });
    expect(toConduitError(new HttpException('gateway', 502))).toEqual({ status: 500, body: internal });
    expect(toConduitError(Object.assign(new Error('x'), { status: 503 }))).toEqual({
      status: 500,
      body: internal,
    });
    expect(toConduitError('a string')).toEqual({ status: 500, body: internal });
    expect(toConduitError(undefined)).toEqual({ status: 500, body: internal });
  });
});
