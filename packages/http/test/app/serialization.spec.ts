import 'reflect-metadata';
import { Module } from '@tenon/core';
import { Exclude, Expose } from 'class-transformer';
import { Controller, Get, HttpApplication, SerializeOptions } from '@tenon/http';

class UserView {
  id = 1;
  name = 'ann';
  @Exclude() passwordHash = 'secret-hash';
  @Expose({ groups: ['admin'] }) email = 'ann@example.test';
}

@Controller('users')
class UsersController {
  @Get() list() {
    return [new UserView()];
  }
  @Get('admin') @SerializeOptions({ groups: ['admin'] }) admin() {
    return new UserView();
  }
  @Get('plain') plain() {
    return { passwordHash: 'kept: a plain object is sent as it is' };
  }
}

@Module({ controllers: [UsersController] })
class UsersModule {}

describe('response serialization', () => {
  let app: HttpApplication;
  beforeAll(async () => {
    app = await HttpApplication.create(UsersModule, { logger: false });
  });
  afterAll(() => app.close());

  it('applies @Exclude and @Expose groups to returned instances and arrays of them', async () => {
    expect((await app.inject('/users')).json()).toEqual([{ id: 1, name: 'ann' }]);
    expect((await app.inject('/users/admin')).json()).toEqual({
      id: 1,
      name: 'ann',
      email: 'ann@example.test',
    });
    expect((await app.inject('/users/plain')).json()).toEqual({
      passwordHash: 'kept: a plain object is sent as it is',
    });
  });
});
