import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IMAGE_URL, LIMITS, USERNAME_PATTERN } from '../common/validation';

/** The fields of `POST /users`. */
export class NewUserDto {
  @IsString()
  @Length(1, LIMITS.username)
  @Matches(USERNAME_PATTERN, { message: 'username may contain only letters, digits, _, . and -' })
  username!: string;

  @IsString()
  @MaxLength(LIMITS.email)
  @IsEmail()
  email!: string;

  @IsString()
  @Length(LIMITS.passwordMin, LIMITS.passwordMax)
  password!: string;
}

/** `{"user": {...}}` of `POST /users`. */
export class NewUserRequest {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => NewUserDto)
  user!: NewUserDto;
}

/** The fields of `POST /users/login`. */
export class LoginUserDto {
  @IsString()
  @MaxLength(LIMITS.email)
  @IsEmail()
  email!: string;

  @IsString()
  @Length(1, LIMITS.passwordMax)
  password!: string;
}

/** `{"user": {...}}` of `POST /users/login`. */
export class LoginUserRequest {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => LoginUserDto)
  user!: LoginUserDto;
}

/** The fields of `PUT /user`: any of them, at least one. */
export class UpdateUserDto {
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.email)
  @IsEmail()
  email?: string;

  @IsOptional()
  @IsString()
  @Length(1, LIMITS.username)
  @Matches(USERNAME_PATTERN, { message: 'username may contain only letters, digits, _, . and -' })
  username?: string;

  @IsOptional()
  @IsString()
  @Length(LIMITS.passwordMin, LIMITS.passwordMax)
  password?: string;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.bio)
  bio?: string;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.image)
  @Matches(IMAGE_URL, { message: 'image must be an http(s) URL or empty' })
  image?: string;
}

/** `{"user": {...}}` of `PUT /user`. */
export class UpdateUserRequest {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateUserDto)
  user!: UpdateUserDto;
}

/** The spec's `User`: the caller, with a token. */
export interface UserView {
  email: string;
  token: string;
  username: string;
  bio: string;
  image: string;
}

/** `{"user": {...}}` responses. */
export interface UserResponse {
  user: UserView;
}
