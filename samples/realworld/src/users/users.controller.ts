import {
  ApiOperation,
  ApiTags,
  Body,
  Controller,
  Get,
  HttpCode,
  NoStore,
  Post,
  Put,
  RateLimit,
} from '@tenon/http';
import { CurrentUser, Public } from '@tenon/security';
import type { AuthUser } from '../auth/auth-user';
import { LoginUserRequest, NewUserRequest, UpdateUserRequest, type UserResponse } from './user.dto';
import { UsersService } from './users.service';

/**
 * `POST /users` (register) and `POST /users/login`: no token needed, and rate-limited per
 * client (each route on its own count, the limit set in `create-app.ts`), so passwords cannot
 * be guessed at the speed of the server.
 */
@Controller('users')
@Public()
// Answers carry a token: no browser or shared cache may keep them (errors included).
@NoStore()
@ApiTags('User and Authentication')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  @RateLimit()
  @ApiOperation({ operationId: 'CreateUser', summary: 'Register a new user' })
  register(@Body() request: NewUserRequest): Promise<UserResponse> {
    return this.users.register(request.user);
  }

  @Post('login')
  @HttpCode(200)
  @RateLimit()
  @ApiOperation({ operationId: 'Login', summary: 'Existing user login' })
  login(@Body() request: LoginUserRequest): Promise<UserResponse> {
    return this.users.login(request.user);
  }
}

/** `GET /user` and `PUT /user`: the caller's own account. */
@Controller('user')
@NoStore()
@ApiTags('User and Authentication')
export class CurrentUserController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ operationId: 'GetCurrentUser', summary: 'Get current user' })
  get(@CurrentUser() user: AuthUser): UserResponse {
    return this.users.current(user);
  }

  @Put()
  @ApiOperation({ operationId: 'UpdateCurrentUser', summary: 'Update current user' })
  update(@CurrentUser() user: AuthUser, @Body() request: UpdateUserRequest): Promise<UserResponse> {
    return this.users.update(user, request.user);
  }
}
