import { BadRequestException, type ArgumentMetadata, type PipeTransform } from '@tenon/http';

const NUL = '\u0000';

/** The dotted path of the first string holding a NUL character, if any. */
function findNul(root: unknown, rootPath: string): string | undefined {
  const stack: [unknown, string][] = [[root, rootPath]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes(NUL)) return path;
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, `${path}.${i}`]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value))
        stack.push([item, path === '' ? key : `${path}.${key}`]);
    }
  }
  return undefined;
}

/**
 * Refuses the NUL character (`\u0000`) in route parameters, query strings and bodies. JSON and
 * URLs can carry it, but PostgreSQL text cannot store or even compare it: without this check,
 * `GET /api/articles/%00` or a title containing `\u0000` would reach the database and fail there
 * (a 500). Installed as a global pipe, so every argument is checked once, after validation.
 *
 * @example
 * await HttpApplication.create(AppModule, { globalPipes: [new NullCharacterPipe()] });
 */
export class NullCharacterPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const path = findNul(value, metadata.data ?? '');
    if (path === undefined) return value;
    const property = path === '' ? metadata.type : path;
    const message = `${property} must not contain the NUL character (\\u0000)`;
    throw new BadRequestException(message, {
      errors: [{ property, constraints: { noNulCharacter: message } }],
    });
  }
}
