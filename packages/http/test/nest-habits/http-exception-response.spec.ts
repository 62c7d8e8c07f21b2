import 'reflect-metadata';
import { Module } from '@tenon/core';
import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Get,
  HttpApplication,
  HttpException,
  HttpStatus,
  NotFoundException,
} from '@tenon/http';

describe('HttpException, NestJS style', () => {
  it('getResponse() gives what NestJS gives', () => {
    expect(new NotFoundException('No cat 3').getResponse()).toEqual({
      statusCode: 404,
      message: 'No cat 3',
      error: 'Not Found',
    });
    expect(new NotFoundException().getResponse()).toEqual({ statusCode: 404, message: 'Not Found' });
    expect(new BadRequestException('Bad id', 'Invalid input').getResponse()).toEqual({
      statusCode: 400,
      message: 'Bad id',
      error: 'Invalid input',
    });
    expect(new HttpException('Gone for good', HttpStatus.GONE).getResponse()).toBe('Gone for good');
    const body = { status: 403, error: 'No access to this shelf' };
    expect(new HttpException(body, HttpStatus.FORBIDDEN).getResponse()).toBe(body);
    expect(new ForbiddenException(body).getStatus()).toBe(403);
  });

  it('an object response gives the detail from its message (strings joined) and keeps the options object apart', () => {
    const options = { code: 'SHELF' };
    const e = new BadRequestException(
      { message: ['name must be a string', 'age must be a number'] },
      options,
    );
    expect(e.detail).toBe('name must be a string; age must be a number');
    expect(e.message).toBe('name must be a string; age must be a number');
    expect(e.options.code).toBe('SHELF');
    expect(new HttpException({ reason: 'x' }, 418, options).options).toEqual({
      code: 'SHELF',
      extensions: { reason: 'x' },
    });
    expect(options).toEqual({ code: 'SHELF' });
  });

  describe('in a problem response', () => {
    @Controller('shelf')
    class ShelfController {
      @Get('object') object() {
        throw new HttpException(
          { status: 403, error: 'No access to this shelf', message: 'Ask a librarian.' },
          403,
        );
      }
      @Get('described') described() {
        throw new BadRequestException('Bad id', 'Invalid input');
      }
    }
    @Module({ controllers: [ShelfController] })
    class AppModule {}
    let app: HttpApplication;
    beforeAll(async () => {
      app = await HttpApplication.create(AppModule, { logger: false });
    });
    afterAll(() => app.close());

    it("the object's members go into the problem (its message as detail)", async () => {
      const res = await app.inject('/shelf/object');
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
        detail: 'Ask a librarian.',
        instance: '/shelf/object',
        error: 'No access to this shelf',
      });
    });

    it('a description does not change the problem (title stays the status phrase)', async () => {
      expect((await app.inject('/shelf/described')).json()).toMatchObject({
        title: 'Bad Request',
        detail: 'Bad id',
      });
    });
  });
});
