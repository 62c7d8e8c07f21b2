import { BadRequestException } from '@tenon/http';
import { {{Name}}Pipe } from '../../src/{{folder}}/{{file}}.pipe{{ext}}';

describe('{{Name}}Pipe', () => {
  it('trims a string and refuses a blank one', () => {
    const pipe = new {{Name}}Pipe();
    expect(pipe.transform('  x ', { type: 'body', data: 'name' })).toBe('x');
    expect(() => pipe.transform('  ', { type: 'body', data: 'name' })).toThrow(BadRequestException);
  });
});
