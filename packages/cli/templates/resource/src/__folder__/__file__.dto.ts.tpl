import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** `POST /{{path}}`. */
export class Create{{Name}}Dto {
  @IsString() @Length(1, 200) name!: string;
}

/** `PATCH /{{path}}/:id`: the fields to change and the `version` the client last read. */
export class Update{{Name}}Dto {
  @IsOptional() @IsString() @Length(1, 200) name?: string;
  @IsInt() @Min(0) version!: number;
}

/** `GET /{{path}}?page=0&size=20`. */
export class List{{Names}}Query {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) page?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) size?: number;
}
