import { Injectable } from '@tenon/core';
import { BadRequestException, type ArgumentMetadata, type PipeTransform } from '@tenon/http';

/** Trims a string argument and refuses a blank one; use it as `@Body('name', {{Name}}Pipe)`. */
@Injectable()
export class {{Name}}Pipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || value.trim() === '')
      throw new BadRequestException(`${metadata.data ?? metadata.type} must be a non-blank string`);
    return value.trim();
  }
}
