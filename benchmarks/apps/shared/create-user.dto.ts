import { IsEmail, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { USER_RULES } from './payloads';

/** The validated body of `POST /users`, shared by the Tenon and Nest apps (both validate with class-validator). */
export class CreateUserDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(USER_RULES.nameMaxLength)
  name!: string;

  @IsEmail()
  email!: string;

  @IsInt()
  @Min(USER_RULES.ageMin)
  @Max(USER_RULES.ageMax)
  age!: number;
}
