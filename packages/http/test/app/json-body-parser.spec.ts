import 'reflect-metadata';
import { jsonBodyParser } from '../../src/application/json-body-parser';

type Outcome = { error: (Error & { code?: string }) | null; value?: unknown };

function parse(text: string, maxDepth = 3): Outcome {
  let outcome: Outcome | undefined;
  const parser = jsonBodyParser(maxDepth);
  parser({} as never, Buffer.from(text), (error, value) => {
    outcome = { error: error as Outcome['error'], value };
  });
  return outcome!;
}

const nested = (containers: number, padding = ''): string =>
  '{"a":'.repeat(containers - 1) + `{"pad":"${padding}"}` + '}'.repeat(containers - 1);

describe('the JSON body parser: depth limit', () => {
  it('accepts maxDepth nested containers and refuses one more, with its code and message', () => {
    expect(parse(nested(3)).error).toBeNull();
    const refused = parse(nested(4)).error;
    expect(refused?.code).toBe('TENON_HTTP_JSON_TOO_DEEP');
    expect(refused?.message).toBe('The JSON body is nested more than 3 levels deep: flatten the document.');
  });

  it('refuses a deep body however long its text (the bracket count, not the length, spares the walk)', () => {
    expect(parse(nested(4, 'x'.repeat(5000))).error?.code).toBe('TENON_HTTP_JSON_TOO_DEEP');
    expect(parse(`[[[[${'1,'.repeat(1000)}1]]]]`).error?.code).toBe('TENON_HTTP_JSON_TOO_DEEP');
  });

  it('accepts a long shallow body, and one whose strings hold more brackets than maxDepth', () => {
    const long = parse(nested(2, 'y'.repeat(5000)));
    expect(long.error).toBeNull();
    expect(long.value).toEqual({ a: { pad: 'y'.repeat(5000) } });
    expect(parse(JSON.stringify({ text: '{[{[{[{[', list: [1, 2] })).error).toBeNull();
  });

  it('still refuses prototype keys in a body too shallow and too short to be walked for depth', () => {
    const refused = parse('{"__proto__":{}}', 128).error;
    expect(refused?.code).toBe('TENON_HTTP_FORBIDDEN_JSON_KEY');
  });
});
