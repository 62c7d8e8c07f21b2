import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  NotContains,
  ValidateNested,
} from 'class-validator';

const NOT_BLANK = /\S/;
// PostgreSQL text cannot hold the NUL character: refuse it here rather than fail in the database.
const noNul = (field: string) =>
  NotContains('\u0000', { message: `${field} must not contain the NUL character` });

/** `POST /todos`. */
export class CreateTodoDto {
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  @noNul('title')
  title!: string;
}

/** `POST /todos/batch`: up to 100 todos, created together or not at all. */
export class CreateTodosDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => CreateTodoDto)
  todos!: CreateTodoDto[];
}

/**
 * `PATCH /todos/:id`: the fields to change, and the `version` the client last read. A stale
 * version means someone else changed the todo meanwhile: 409, read it again.
 */
export class UpdateTodoDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  @noNul('title')
  title?: string;

  @IsOptional()
  @IsBoolean()
  done?: boolean;

  @IsInt()
  @Min(0)
  version!: number;
}

/** `GET /todos?page=0&size=20&done=false`. */
export class ListTodosQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(100_000) page?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) size?: number;
  @IsOptional() @IsIn(['true', 'false']) done?: 'true' | 'false';
}

/** `GET /todos/search?q=milk`. */
export class SearchTodosQuery {
  @IsString() @Length(1, 200) @noNul('q') q!: string;
}
