import { IsInt, IsString, Length, Max, Min } from 'class-validator';

/**
 * What the hello app reads from the environment (or a `.env` file) at boot, validated.
 *
 * @example
 * PORT=8080 GREETING_NAME=Ada npm start -w samples/hello
 */
export class HelloConfig {
  @IsInt() @Min(0) @Max(65535) port = 3000; //  PORT
  @IsString() host = '127.0.0.1'; //              HOST
  @IsString() @Length(1, 50) greetingName = 'world'; // GREETING_NAME: who is greeted when no name is given
}
